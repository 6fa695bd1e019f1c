/**
 * What an import refuses and how it says so, and what it resolves within one
 * line: URLs must be http(s); a span's real fault is reported in plain words;
 * a claim may name as claimant an entity that a span of the same line
 * introduces; an alias taken from a quote is stored trimmed.
 */
import { describe, expect, it } from "vitest";
import { importJsonl } from "@/lib/import";
import { testDb } from "./db";

const db = testDb();
const jsonl = (...lines: object[]) => lines.map((l) => JSON.stringify(l)).join("\n");

describe("import checks", () => {
  it("refuses article and evidence URLs that are not http(s), with a clear reason", async () => {
    const report = await importJsonl(db, {
      content: jsonl(
        { external_id: "chk-url-1", language: "en", text: "A text.", url: "javascript:alert(1)" },
        {
          external_id: "chk-url-2",
          language: "en",
          text: "A text.",
          claims: [{ key: "chk-url-claim", statement: "S", evidence_urls: ["https://ok.example", "ftp://x.org/y"] }],
        },
        { external_id: "chk-url-3", language: "en", text: "A text.", url: "https://example.org/جنيف" },
      ),
    });
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 1, reason: "url: must be an absolute http:// or https:// URL" }),
      expect.objectContaining({
        line: 2,
        reason: "claims[0].evidence_urls[1]: must be an absolute http:// or https:// URL",
      }),
    ]);
    expect(report.imported).toBe(1);
    expect(await db.claim.findUnique({ where: { key: "chk-url-claim" } })).toBeNull();
  });

  it("reports a span's real fault in plain words, not the first field a validator tripped on", async () => {
    const report = await importJsonl(db, {
      content: jsonl({
        external_id: "chk-span",
        language: "en",
        text: "Geneva hosts talks.",
        spans: [{ start: 0, end: 99, kind: "entity", label: "GPE" }],
      }),
    });
    expect(report.rejected).toHaveLength(1);
    const reason = report.rejected[0]!.reason;
    expect(reason).toBe(
      'spans[0] (0–99): end 99 is past the end of the text (19 code points long); "text" is missing: give the quoted characters',
    );
    expect(reason).not.toMatch(/Invalid input/);
  });

  it("takes a claimant that a span of the same line introduces", async () => {
    const text = "Kestrel Bay Authority said tolls will fall.";
    const report = await importJsonl(db, {
      content: jsonl({
        external_id: "chk-claimant",
        language: "en",
        text,
        spans: [
          { start: 0, end: 21, text: "Kestrel Bay Authority", kind: "entity", label: "ORG", entity: "chk-kestrel" },
          { start: 27, end: 42, text: "tolls will fall", kind: "claim", claim: "chk-tolls" },
        ],
        claims: [{ key: "chk-tolls", statement: "Tolls will fall.", claimant: "chk-kestrel" }],
      }),
    });
    expect(report.rejected).toEqual([]);
    const claim = await db.claim.findUniqueOrThrow({ where: { key: "chk-tolls" }, include: { claimant: true } });
    expect(claim.claimant).toMatchObject({ key: "chk-kestrel", name: "Kestrel Bay Authority" });
  });

  it("stores an alias from a quote that begins with whitespace trimmed, once", async () => {
    const text = "Met\u00a0Orrin Vale and\tOrrin Vale.";
    const report = await importJsonl(db, {
      content: jsonl({
        external_id: "chk-alias",
        language: "en",
        text,
        spans: [
          { start: 3, end: 14, text: "\u00a0Orrin Vale", kind: "entity", label: "PERSON", entity: "chk-orrin" },
          { start: 18, end: 29, text: "\tOrrin Vale", kind: "entity", label: "PERSON", entity: "chk-orrin" },
        ],
      }),
    });
    expect(report.rejected).toEqual([]);
    const entity = await db.entity.findUniqueOrThrow({ where: { key: "chk-orrin" }, include: { aliases: true } });
    expect(entity.name).toBe("Orrin Vale");
    expect(entity.aliases.map((a) => [a.language, a.alias])).toEqual([["en", "Orrin Vale"]]);
  });
});
