import { describe, expect, it } from "vitest";
import { importDocument, importJsonl, ImportError, MAX_BODY_BYTES } from "@/lib/import";
import { sliceCodePoints } from "@/lib/text/code-points";
import { corpusArticles, snapshot, tempFile, toJsonl } from "./corpus";
import { testDb } from "./db";

const db = testDb();

describe("importing the fixture corpus with its gold spans", () => {
  const articles = corpusArticles({ prefix: "imp-" });
  const file = tempFile("corpus.jsonl", toJsonl(articles));
  const externalIds = articles.map((a) => a.external_id);
  const goldSpans = articles.reduce((n, a) => n + a.spans!.length, 0);

  it("imports 6 articles in 2 stories with every span", async () => {
    const progress: number[] = [];
    const report = await importJsonl(db, { path: file }, { onProgress: (p) => progress.push(p.bytes) });
    expect(report).toMatchObject({ imported: 6, updated: 0, skipped: 0, rejected: [], spans: goldSpans, lines: 6 });
    expect(progress.at(-1)).toBe(report.bytes);

    const stored = await db.article.findMany({
      where: { externalId: { in: externalIds } },
      include: { story: true, spans: true, revisions: true },
    });
    expect(stored).toHaveLength(6);
    expect(new Set(stored.map((a) => a.story.key))).toEqual(
      new Set(["imp-fixture-tidal-talks-2025", "imp-fixture-arctic-lanes-2026"]),
    );
    expect(stored.reduce((n, a) => n + a.spans.length, 0)).toBe(goldSpans);
    for (const article of stored) {
      const source = articles.find((a) => a.external_id === article.externalId)!;
      expect(article.text).toBe(source.text); // the corpus is already normalized
      expect(article.length).toBe([...source.text].length);
      expect(article.revisions.map((r) => r.revision)).toEqual([1]);
      for (const span of article.spans) {
        expect(sliceCodePoints(article.text, span.start, span.end)).toBe(span.quote);
        expect(span).toMatchObject({ revision: 1, source: "IMPORT", orphaned: false, deletedAt: null });
      }
    }
    // Titles: a story takes its first article's title; untitled articles stay untitled.
    const talks = stored.find((a) => a.language === "sv")!.story;
    expect(talks.title).toBe(articles.find((a) => a.language === "sv")!.title);
    expect(stored.filter((a) => a.title === null)).toHaveLength(2);
  });

  it("links one entity and one claim across languages", async () => {
    const kestrel = await db.entity.findUniqueOrThrow({
      where: { key: "kestrel-university" },
      include: { spans: { include: { article: true } }, aliases: true, label: true },
    });
    const imported = kestrel.spans.filter((s) => s.article.externalId?.startsWith("imp-"));
    expect(new Set(imported.map((s) => s.article.language))).toEqual(new Set(["sv", "en", "fr", "zh-Hans", "ar"]));
    expect(kestrel.label.key).toBe("ORG");
    expect(kestrel.aliases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ language: "fr", alias: "université de Kestrel" }),
        expect.objectContaining({ language: "zh-Hans", alias: "凯斯特尔大学" }),
        expect.objectContaining({ language: "ar", alias: "جامعة كستريل" }),
        expect.objectContaining({ language: "sv", alias: "Kestrel University" }),
      ]),
    );
    const claim = await db.claim.findUniqueOrThrow({
      where: { key: "talks-held-mar-sep-2025" },
      include: { spans: { include: { article: true } } },
    });
    expect(new Set(claim.spans.map((s) => s.article.language))).toEqual(new Set(["sv", "en", "fr"]));
    expect(claim.spans.every((s) => s.kind === "CLAIM")).toBe(true);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await snapshot(db);
    const report = await importJsonl(db, { path: file });
    expect(report).toMatchObject({ imported: 0, updated: 0, skipped: 6, rejected: [], spans: 0, entities: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it("adds the spans of a file imported first without them, once", async () => {
    const plain = corpusArticles({ prefix: "imp2-", spans: false });
    await importJsonl(db, { content: toJsonl(plain) });
    const withSpans = corpusArticles({ prefix: "imp2-" });
    const report = await importJsonl(db, { content: toJsonl(withSpans) });
    expect(report).toMatchObject({ imported: 0, updated: 6, spans: goldSpans });
    const again = await importJsonl(db, { content: toJsonl(withSpans) });
    expect(again).toMatchObject({ updated: 0, skipped: 6, spans: 0 });
  });

  it("skips the same text in the same story even without an external id", async () => {
    const [first] = corpusArticles({ prefix: "imp3-" });
    const line = { ...first, external_id: undefined };
    const one = await importJsonl(db, { content: toJsonl([line, line]) });
    expect(one).toMatchObject({ imported: 1, skipped: 1 });
    const two = await importJsonl(db, { content: toJsonl([line]) });
    expect(two).toMatchObject({ imported: 0, skipped: 1 });
    expect(await db.article.count({ where: { story: { key: "imp3-fixture-tidal-talks-2025" } } })).toBe(1);
  });
});

describe("a file with bad lines", () => {
  const ok = (n: number, extra: object = {}) => ({
    external_id: `bad-file-ok-${n}`,
    story: "bad-file",
    language: "en",
    title: `Good line ${n}`,
    text: `The talks in Geneva were the ${n}th of their kind.`,
    spans: [{ start: 13, end: 19, text: "Geneva", kind: "entity", label: "GPE", entity: "geneva" }],
    ...extra,
  });
  const big = "日".repeat(Math.floor(MAX_BODY_BYTES / 3)) + "xyz"; // 2 MiB + 1 byte
  const lines = [
    ok(1),
    { ...ok(2), language: "english!" },
    { ...ok(3), text: "  \n\t ", spans: [] },
    { ...ok(4), spans: [{ start: 40, end: 400, text: "x", kind: "entity", label: "GPE" }] },
    { ...ok(5), spans: [{ start: 13, end: 19, text: "Genève", kind: "entity", label: "GPE", entity: "geneva" }] },
    '{"external_id": "bad-file-6", "language": "en", "text": "unterminated',
    { ...ok(7), text: big, spans: [] },
    ok(8),
    { ...ok(9), spans: [{ start: 13, end: 19, text: "Geneva", kind: "entity", label: "CITY" }] },
    "[1, 2, 3]",
    { ...ok(11), spans: [{ start: 13, end: 19, text: "Geneva", kind: "entity", entity: "geneva-without-label" }] },
    { external_id: "bad-file-12", language: "en" },
    { ...ok(13), spans: [{ start: 4, end: 9, text: "talks", kind: "claim", label: "ORG" }] },
  ];

  it("imports the good lines and reports each bad one with its line number and reason", async () => {
    const report = await importJsonl(db, { path: tempFile("bad.jsonl", toJsonl(lines)) });
    expect(report.imported).toBe(2);
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13]);
    const reason = (line: number) => report.rejected.find((r) => r.line === line)!.reason;
    expect(reason(2)).toMatch(/invalid language tag "english!"/);
    expect(reason(3)).toMatch(/text is empty/);
    expect(reason(4)).toMatch(/spans\[0\].*outside the text/);
    expect(reason(5)).toMatch(/spans\[0\].*quote does not match the text at \[13, 19\): the text there is "Geneva"/);
    expect(reason(6)).toMatch(/not valid JSON/);
    expect(reason(7)).toMatch(/too large: 2\.0 MiB \(2,097,153 bytes\).*limit is 2\.0 MiB \(2,097,152 bytes\)/);
    expect(reason(9)).toMatch(/unknown label "CITY"/);
    expect(reason(10)).toMatch(/one JSON object per line/);
    expect(reason(11)).toMatch(/entity "geneva-without-label" is new and has no label/);
    expect(reason(12)).toMatch(/^text: is required/);
    expect(reason(13)).toMatch(/label ORG is for entity spans, not claim spans/);
    const stored = await db.article.findMany({ where: { story: { key: "bad-file" } }, include: { spans: true } });
    expect(stored.map((a) => a.externalId).sort()).toEqual(["bad-file-ok-1", "bad-file-ok-8"]);
    expect(stored.every((a) => a.spans.length === 1)).toBe(true);
  });

  it("imports an article body of exactly 2 MiB, with a span at its end", async () => {
    const body = `${"日内瓦".repeat(Math.floor((MAX_BODY_BYTES - 7) / 9))}\n`;
    const text = body + "x".repeat(MAX_BODY_BYTES - Buffer.byteLength(body) - 6) + "Geneva";
    expect(Buffer.byteLength(text)).toBe(MAX_BODY_BYTES);
    const length = [...text].length;
    const report = await importJsonl(db, {
      content: toJsonl([
        {
          external_id: "two-mib",
          language: "zh-Hans",
          text,
          spans: [
            { start: length - 6, end: length, text: "Geneva", kind: "entity", label: "GPE", entity: "geneva" },
            { start: 0, end: 3, text: "日内瓦", kind: "entity", label: "GPE", entity: "geneva" },
          ],
        },
      ]),
    });
    expect(report).toMatchObject({ imported: 1, rejected: [], spans: 2 });
    const article = await db.article.findUniqueOrThrow({ where: { externalId: "two-mib" }, include: { spans: true } });
    expect(article.length).toBe(length);
    expect(article.text).toBe(text);
  });

  it("rejects only the article a database error hits, not the rest of its batch", async () => {
    // A constraint the import cannot know about, standing in for any failure inside the database.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_poison() RETURNS trigger AS $$
      BEGIN IF NEW.title = 'poison' THEN RAISE EXCEPTION 'poisoned title refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_poison BEFORE INSERT ON "Article" FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
    );
    try {
      const batch = [1, 2, 3, 4].map((n) => ok(100 + n, { title: n === 3 ? "poison" : `Batch ${n}` }));
      const report = await importJsonl(db, { content: toJsonl(batch) });
      expect(report.imported).toBe(3);
      expect(report.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/poisoned title refused/) }]);
      // Nothing of the refused article was written: no story row of its own, no span, no revision.
      expect(await db.article.count({ where: { externalId: "bad-file-ok-103" } })).toBe(0);
      expect(
        await db.span.count({ where: { article: { externalId: { in: ["bad-file-ok-101", "bad-file-ok-104"] } } } }),
      ).toBe(2);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_poison ON "Article"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_poison()`);
    }
  });

  it("refuses a file it cannot read", async () => {
    await expect(importJsonl(db, { path: "/nonexistent/file.jsonl" })).rejects.toMatchObject({
      code: "UNREADABLE",
    });
  });
});

describe("normalization at import", () => {
  it("composes NFD, unifies line endings, drops control characters and remaps span offsets", async () => {
    // Raw text: decomposed "é" and "è", CRLF and CR line breaks, BEL and NUL characters.
    const raw = "Re\u0301sume\u0301 from Gene\u0300ve:\r\nTsinghua\u0007 University met\rOpenAI\u0000 in 2023 🌙.";
    const cps = [...raw];
    const at = (quote: string) => {
      const u = raw.indexOf(quote);
      const start = [...raw.slice(0, u)].length;
      return { start, end: start + [...quote].length, text: quote };
    };
    const spans = [
      { ...at("Gene\u0300ve"), kind: "entity", label: "GPE", entity: "geneva" },
      { ...at("Tsinghua\u0007 University"), kind: "entity", label: "ORG", entity: "tsinghua-university" },
      { ...at("OpenAI"), kind: "entity", label: "ORG", entity: "openai" },
      { ...at("🌙"), kind: "entity", label: "MISC", entity: "moon-emoji" },
    ];
    expect(cps.length).toBeGreaterThan(spans[3]!.end);
    const report = await importJsonl(db, {
      content: toJsonl([{ external_id: "normalize-1", language: "fr", text: raw, spans }]),
    });
    expect(report).toMatchObject({ imported: 1, rejected: [] });
    const article = await db.article.findUniqueOrThrow({
      where: { externalId: "normalize-1" },
      include: { spans: { orderBy: { start: "asc" } } },
    });
    expect(article.text).toBe("Résumé from Genève:\nTsinghua University met\nOpenAI in 2023 🌙.");
    expect(article.text).toBe(article.text.normalize("NFC"));
    expect(article.spans.map((s) => s.quote)).toEqual(["Genève", "Tsinghua University", "OpenAI", "🌙"]);
    for (const s of article.spans) expect(sliceCodePoints(article.text, s.start, s.end)).toBe(s.quote);
    // An import with offsets for the raw text again recognises the same spans.
    const again = await importJsonl(db, {
      content: toJsonl([{ external_id: "normalize-1", language: "fr", text: raw, spans }]),
    });
    expect(again).toMatchObject({ skipped: 1, spans: 0 });
  });

  it("rejects a span that splits a character", async () => {
    const text = "Family 👨‍👩‍👧 here";
    const report = await importJsonl(db, {
      content: toJsonl([
        {
          external_id: "split-1",
          language: "en",
          text,
          spans: [{ start: 7, end: 8, text: "👨", kind: "entity", label: "MISC" }],
        },
      ]),
    });
    expect(report.rejected[0]!.reason).toMatch(/end 8 falls inside a character/);
  });

  it("explains offsets counted in UTF-16 units", async () => {
    const text = "🌙 Geneva";
    const report = await importJsonl(db, {
      content: toJsonl([
        {
          external_id: "utf16-1",
          language: "en",
          text,
          spans: [{ start: 3, end: 9, text: "Geneva", kind: "entity", label: "GPE" }],
        },
      ]),
    });
    expect(report.rejected[0]!.reason).toMatch(/UTF-16 code units.*code points/);
  });
});

describe("single documents", () => {
  it("reduces HTML to text: scripts dropped, markup never kept, entities decoded", async () => {
    const html = `<!doctype html><html><head><title>Talks in Geneva</title><style>p{color:red}</style>
      <script>document.write("<b>injected</b>")</script></head><body>
      <h1>Secret talks</h1><p>Officials met in <a href="https://example.org">Geneva</a>.<br>Second line.</p>
      <p>The code &lt;script&gt;alert(1)&lt;/script&gt; is quoted as text.</p>
      <script>alert("x")</script><ul><li>OpenAI</li><li>Anthropic</li></ul></body></html>`;
    const result = await importDocument(db, {
      format: "html",
      content: new TextEncoder().encode(html),
      language: "en",
      story: { key: "documents" },
    });
    expect(result.action).toBe("imported");
    const article = await db.article.findUniqueOrThrow({ where: { id: result.articleId } });
    expect(article.title).toBe("Talks in Geneva");
    expect(article.text).toBe(
      "Secret talks\n\nOfficials met in Geneva.\nSecond line.\n\nThe code <script>alert(1)</script> is quoted as text.\n\n• OpenAI\n• Anthropic",
    );
    expect(article.text).not.toMatch(/injected|alert\("x"\)|color:red|<a |<p>|<b>/);
  });

  it("keeps a literal <script> in a .txt file as text", async () => {
    const text = "A plain text file.\r\nIt mentions <script>alert('hi')</script> literally.";
    const result = await importDocument(db, { format: "txt", content: text, language: "en", title: "Plain" });
    const article = await db.article.findUniqueOrThrow({ where: { id: result.articleId } });
    expect(article.text).toBe("A plain text file.\nIt mentions <script>alert('hi')</script> literally.");
  });

  it("turns Markdown into text with its paragraphs", async () => {
    const md = "# Ferries\n\nThe port of *Varnhamn* switched on **shore power**.\nSoft wrap.\n\n- one\n- two\n";
    const result = await importDocument(db, { format: "md", content: md, language: "en", story: { key: "documents" } });
    const article = await db.article.findUniqueOrThrow({ where: { id: result.articleId } });
    expect(article.title).toBe("Ferries");
    expect(article.text).toBe("Ferries\n\nThe port of Varnhamn switched on shore power. Soft wrap.\n\n• one\n• two");
  });

  it("refuses bad documents with typed errors", async () => {
    const fail = (input: Partial<Parameters<typeof importDocument>[1]>) =>
      importDocument(db, { format: "txt", content: "Some text.", language: "en", ...input });
    await expect(fail({ language: "xx-!!" })).rejects.toMatchObject({ code: "INVALID_LANGUAGE", status: 422 });
    await expect(fail({ content: " \n " })).rejects.toMatchObject({ code: "EMPTY_TEXT" });
    await expect(fail({ content: new Uint8Array([0xff, 0xfe, 0x41]) })).rejects.toMatchObject({ code: "NOT_UTF8" });
    await expect(fail({ content: "é".repeat(MAX_BODY_BYTES / 2 + 1) })).rejects.toMatchObject({
      code: "TOO_LARGE",
      status: 413,
    });
    await expect(fail({ format: "pdf" as never })).rejects.toBeInstanceOf(ImportError);
  });
});

describe("a Parallax JSONL export", () => {
  const line = {
    id: "5e0c6c1e-8a53-4a0e-9d41-2f1a3d7e9b10",
    external_id: null,
    story: "export-roundtrip",
    story_title: "Export round trip",
    language: "sv",
    title: "Samtal i Genève",
    outlet: "Testposten",
    author: null,
    url: null,
    published: "2024-01-11",
    status: "IN_PROGRESS",
    revision: 2,
    text: "Samtalen hölls i Genève i juli och oktober 2023.",
    spans: [
      {
        id: "0b6f2f7e-1c1a-4d7e-8f7a-3c2b1a0f9e11",
        start: 17,
        end: 23,
        text: "Genève",
        kind: "entity",
        label: "GPE",
        entity: "export-geneva",
        review_status: "APPROVED",
        orphaned: false,
        source: "MANUAL",
        version: 3,
        created_at: "2026-11-23T14:00:00.000Z",
        updated_at: "2026-11-23T15:00:00.000Z",
      },
      {
        id: "0b6f2f7e-1c1a-4d7e-8f7a-3c2b1a0f9e12",
        start: 9,
        end: 47,
        text: "hölls i Genève i juli och oktober 2023",
        kind: "claim",
        claim: "8d3f9c1e-0000-4000-8000-00000000c1a1",
      },
      {
        id: "0b6f2f7e-1c1a-4d7e-8f7a-3c2b1a0f9e13",
        start: 60,
        end: 66,
        text: "Zürich",
        prefix: "ett möte i ",
        suffix: ".",
        kind: "entity",
        label: "GPE",
        entity: "export-zurich",
        orphaned: true,
        revision: 1,
      },
    ],
    entities: [
      {
        key: "export-geneva",
        id: "6a1f6e0e-3b9e-4b8e-9d0e-1a2b3c4d5e01",
        name: "Geneva",
        label: "GPE",
        wikidata_qid: "Q71",
        aliases: [{ language: "fr", alias: "Genève" }],
      },
      { key: "export-zurich", id: "6a1f6e0e-3b9e-4b8e-9d0e-1a2b3c4d5e02", name: "Zürich", label: "GPE" },
    ],
    claims: [
      {
        key: "8d3f9c1e-0000-4000-8000-00000000c1a1",
        id: "8d3f9c1e-0000-4000-8000-00000000c1a1",
        statement: "The talks were held in July and October 2023.",
        claimant: "export-geneva",
        claim_date: "2023-10-01",
        verdict: "TRUE",
        evidence_urls: ["https://example.org/evidence"],
      },
    ],
  };

  it("re-imports losslessly, keeping ids, and idempotently", async () => {
    const report = await importJsonl(db, { content: toJsonl([line]) });
    expect(report).toMatchObject({ imported: 1, rejected: [], spans: 3, entities: 2, claims: 1 });
    const article = await db.article.findUniqueOrThrow({
      where: { id: line.id },
      include: { spans: { orderBy: { id: "asc" } }, story: true, revisions: true },
    });
    expect(article).toMatchObject({ status: "IN_PROGRESS", revision: 2, externalId: null, language: "sv" });
    expect(article.story).toMatchObject({ key: "export-roundtrip", title: "Export round trip" });
    expect(article.revisions.map((r) => r.revision)).toEqual([2]);
    const [geneva, claim, zurich] = article.spans;
    expect(geneva).toMatchObject({
      id: line.spans[0]!.id,
      reviewStatus: "APPROVED",
      source: "MANUAL",
      version: 3,
      revision: 2,
      entityId: line.entities[0]!.id,
      createdAt: new Date("2026-11-23T14:00:00.000Z"),
      updatedAt: new Date("2026-11-23T15:00:00.000Z"),
    });
    expect(claim).toMatchObject({ kind: "CLAIM", claimId: line.claims[0]!.id, reviewStatus: "PENDING" });
    // An orphaned span keeps its old offsets and revision; it is not checked against the current text.
    expect(zurich).toMatchObject({
      orphaned: true,
      revision: 1,
      start: 60,
      end: 66,
      quote: "Zürich",
      prefix: "ett möte i ",
    });
    const entity = await db.entity.findUniqueOrThrow({
      where: { id: line.entities[0]!.id },
      include: { aliases: true },
    });
    expect(entity).toMatchObject({ key: "export-geneva", name: "Geneva", wikidataQid: "Q71" });
    expect(entity.aliases.map((a) => `${a.language}:${a.alias}`).sort()).toEqual(["fr:Genève", "sv:Genève"]);
    // A claim exported without a key (its id stands in) stays keyless.
    const storedClaim = await db.claim.findUniqueOrThrow({
      where: { id: line.claims[0]!.id },
      include: { verdict: true },
    });
    expect(storedClaim).toMatchObject({
      key: null,
      claimantId: entity.id,
      evidenceUrls: ["https://example.org/evidence"],
    });
    expect(storedClaim.verdict?.key).toBe("TRUE");

    const before = await snapshot(db);
    expect(await importJsonl(db, { content: toJsonl([line]) })).toMatchObject({ skipped: 1, imported: 0, updated: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses a line whose text was changed after export", async () => {
    const report = await importJsonl(db, {
      content: toJsonl([{ ...line, id: undefined, external_id: "tampered", content_hash: "0".repeat(64), spans: [] }]),
    });
    expect(report.rejected[0]!.reason).toMatch(/content_hash does not match/);
  });
});

describe("dry run", () => {
  it("reports what would happen and writes nothing", async () => {
    const before = await snapshot(db);
    const report = await importJsonl(
      db,
      { content: toJsonl([...corpusArticles({ prefix: "dry-" }), "{not json"]) },
      { dryRun: true },
    );
    expect(report).toMatchObject({ dryRun: true, imported: 6, rejected: [{ line: 7 }] });
    expect(report.spans).toBeGreaterThan(50);
    expect(await snapshot(db)).toEqual(before);
  });
});
