/**
 * Exports checked by an independent reader (tests/python/check_export.py,
 * Python's own Unicode, JSON and URL handling) on text written to break them:
 * an Arabic article whose 32-code-point context cut lands on a combining mark,
 * a non-ASCII article URL, U+2028/U+2029 in text and names, U+FEFF inside a
 * word, a right-to-left mark standing alone, spans that begin with a tab or a
 * no-break space, and a claim made by a place and another by an event.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadClaimPage } from "@/lib/annotation/claim-page";
import { seedTaxonomy } from "@/lib/demo/seed";
import { importJsonl } from "@/lib/import";
import { exportBytes, scratchDir } from "./support/export-helpers";
import { exportTestDatabase } from "./support/export-fixtures";

const PYTHON_CHECK = path.resolve(import.meta.dirname, "../python/check_export.py");
const run = promisify(execFile);
const dir = scratchDir("parallax-format-checks");

const cp = (s: string) => [...s].length;
/** A span over the `n`-th occurrence of `quote` in `text`. */
function span(text: string, quote: string, fields: Record<string, unknown>, n = 0) {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`no ${quote} in the text`);
  const start = cp(text.slice(0, at));
  return { start, end: start + cp(quote), text: quote, ...fields };
}

// Thirty-two code points before "سويسرا" land on a shadda: a plain cut starts the prefix inside a cluster.
const AR_BEFORE = "قالَ الرئيسُ إنَّ المحادثاتِ سَتُستأنفُ ";
const AR_TEXT = `${AR_BEFORE}سويسرا في جنيفَ يومَ الاثنينِ المقبلِ.\u2028 قال \u200F المتحدث\u00a0جنيف إن القمة ستعقد.`;
const EN_TEXT =
  "The Gen\uFEFFeva talks\u2029resumed.\tGreat Lakes Summit opened; officials said\u00a0Geneva would host.";

const lines = [
  {
    external_id: "fmt-ar",
    story: "format-checks",
    language: "ar",
    title: "القمة\u2028في جنيف",
    url: "https://example.org/ar/جنيف?q=قمة",
    text: AR_TEXT,
    spans: [
      span(AR_TEXT, "سويسرا", { kind: "entity", label: "GPE", entity: "switzerland" }),
      span(AR_TEXT, "\u00a0جنيف", { kind: "entity", label: "GPE", entity: "geneva" }),
      span(AR_TEXT, "القمة ستعقد", { kind: "claim", label: "CLAIM", claim: "summit" }),
    ],
    entities: [
      { key: "switzerland", name: "Switzerland", label: "GPE", wikidata_qid: "Q39" },
      { key: "geneva", name: "Geneva\u2029", label: "GPE" },
    ],
    claims: [
      {
        key: "summit",
        statement: "The summit will be held\u2028in Geneva.",
        claimant: "switzerland",
        verdict: "TRUE",
        evidence_urls: ["https://example.org/evidence/جنيف"],
      },
    ],
  },
  {
    external_id: "fmt-en",
    story: "format-checks",
    language: "en",
    url: "https://example.org/en/geneva",
    text: EN_TEXT,
    spans: [
      span(EN_TEXT, "Gen\uFEFFeva", { kind: "entity", label: "GPE", entity: "geneva" }),
      span(EN_TEXT, "\tGreat Lakes Summit", { kind: "entity", label: "EVENT", entity: "summit-event" }),
      span(EN_TEXT, "\u00a0Geneva", { kind: "entity", label: "GPE", entity: "geneva" }),
      span(EN_TEXT, "Geneva would host", { kind: "claim", label: "CLAIM", claim: "host" }),
    ],
    entities: [
      { key: "geneva", name: "Geneva\u2029", label: "GPE" },
      { key: "summit-event", name: "Great Lakes Summit", label: "EVENT" },
    ],
    claims: [{ key: "host", statement: "Geneva will host.", claimant: "summit-event", verdict: "MIXED" }],
  },
];

const ctx = exportTestDatabase("export_format_checks", async (db) => {
  await seedTaxonomy(db);
  const report = await importJsonl(db, { content: lines.map((l) => JSON.stringify(l)).join("\n") });
  if (report.rejected.length) throw new Error(`fixture rejected: ${JSON.stringify(report.rejected)}`);
  return { report };
});

async function exportTo(format: string, extension: string): Promise<{ file: string; text: string }> {
  const { text } = await exportBytes(ctx.db, ctx.url, format, {}, { siteUrl: "https://parallax.example.org" });
  const file = path.join(dir, `export.${extension}`);
  writeFileSync(file, text);
  return { file, text };
}

describe("exports an independent reader accepts", () => {
  it("JSONL, Web Annotation, ClaimReview and CoNLL pass the Python checks", async () => {
    expect(ctx.fixtures.report.spans).toBe(7);
    const jsonl = await exportTo("jsonl", "jsonl");
    const webanno = await exportTo("webanno", "webanno.jsonl");
    const claimreview = await exportTo("claimreview", "jsonld");
    const conll = await exportTo("conll", "conll");
    const result = await run("python3", [
      PYTHON_CHECK,
      "--jsonl",
      jsonl.file,
      "--webanno",
      webanno.file,
      "--claimreview",
      claimreview.file,
      "--conll",
      conll.file,
    ]).catch((error: { stderr?: string }) => {
      throw new Error(`python check failed:\n${error.stderr}`);
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ articles: 2, spans: 7, annotations: 7, reviews: 2 });

    // What the checks are about, seen from here too.
    expect(jsonl.text).not.toMatch(/[\u2028\u2029]/);
    expect(webanno.text).toContain('"source":"https://example.org/ar/%D8%AC%D9%86%D9%8A%D9%81?q=%D9%82%D9%85%D8%A9"');
    const reviews = JSON.parse(claimreview.text).dataFeedElement as Record<string, unknown>[];
    expect(reviews.map((r) => r.url)).toEqual([
      "https://parallax.example.org/claims/host",
      "https://parallax.example.org/claims/summit",
    ]);
    const authors = reviews.map((r) => (r.itemReviewed as { author?: { "@type": string } }).author?.["@type"]);
    expect(authors).toEqual([undefined, "GovernmentOrganization"]); // an event cannot be an author
    const tokens = conll.text.split("\n").map((l) => l.split(" ")[0]);
    expect(tokens).toContain("Gen\uFEFFeva");
    expect(tokens).not.toContain("\u200F");
    expect(conll.text).toContain("Great _ _ B-EVENT\nLakes _ _ I-EVENT\nSummit _ _ I-EVENT\n");
  });
});

describe("a claim's page", () => {
  it("is where ClaimReview's url points: statement, verdict, evidence and mentions in every language", async () => {
    const page = await loadClaimPage(ctx.db, "summit");
    expect(page).toMatchObject({
      key: "summit",
      statement: "The summit will be held\u2028in Geneva.",
      verdict: { key: "TRUE" },
      claimant: { name: "Switzerland", wikidataQid: "Q39" },
      evidenceUrls: ["https://example.org/evidence/جنيف"],
    });
    expect(page!.languages.map((l) => [l.language, l.mentions.map((m) => m.quote)])).toEqual([["ar", ["القمة ستعقد"]]]);
    // Found by id as well (a claim without a key is exported under its id).
    expect((await loadClaimPage(ctx.db, page!.id))?.key).toBe("summit");
    expect(await loadClaimPage(ctx.db, "no-such-claim")).toBeNull();
  });
});
