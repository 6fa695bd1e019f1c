/**
 * What must hold for any corpus in the test-corpus format (articles.jsonl and
 * gold-spans.jsonl): it imports through the real importer with every gold
 * span, a second import changes nothing, the reader opens every story with
 * its spans at their code-point offsets and its versions aligned, the JSONL
 * export gives the text and spans back, and the mention finder finds every
 * gold mention of an entity from the forms the gold gives it.
 *
 * Run on the fixture corpus in the integration stage
 * (tests/integration/corpus-fixture.test.ts) and on the shared corpus in the
 * corpus stage (tests/corpus/shared-corpus.test.ts).
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareText } from "@/lib/articles/prepare";
import { importJsonl } from "@/lib/import";
import { decodeSpans } from "@/lib/reader/span-pack";
import { loadStoryView } from "@/lib/reader/story-view";
import { findMentions } from "@/lib/suggestions/mentions";
import { sliceCodePoints } from "@/lib/text/code-points";
import { exportBytes } from "@/tests/integration/support/export-helpers";
import { corpusArticles, snapshot, toJsonl, type CorpusArticle } from "@/tests/integration/corpus";
import { testDb } from "@/tests/integration/db";

export function describeCorpus(name: string, dir: string): void {
  describe(`the ${name}`, () => {
    const db = testDb();
    const prefix = `c-${randomBytes(3).toString("hex")}-`;
    let articles: CorpusArticle[] = [];
    let stories: string[] = [];
    let goldSpans = 0;
    const body = () => toJsonl(articles);

    beforeAll(() => {
      articles = corpusArticles({ prefix, dir });
      stories = [...new Set(articles.map((a) => a.story))];
      goldSpans = articles.reduce((n, a) => n + a.spans!.length, 0);
    });

    it("has gold spans whose quotes are their text at code-point offsets", () => {
      expect(articles.length).toBeGreaterThan(1);
      expect(goldSpans).toBeGreaterThan(0);
      for (const a of articles) {
        const points = [...a.text];
        for (const s of a.spans!) expect(points.slice(s.start, s.end).join(""), a.external_id).toBe(s.text);
      }
    });

    it("imports with every gold span in place, and a second import changes nothing", async () => {
      const report = await importJsonl(db, { content: body() });
      expect(report).toMatchObject({ imported: articles.length, rejected: [], spans: goldSpans });
      const stored = await db.article.findMany({
        where: { externalId: { in: articles.map((a) => a.external_id) } },
        include: { spans: { include: { entity: true, claim: true } } },
      });
      expect(stored).toHaveLength(articles.length);
      for (const article of stored) {
        const source = articles.find((a) => a.external_id === article.externalId)!;
        const prepared = prepareText(source.text);
        expect(article.text).toBe(prepared.text);
        expect(article.spans).toHaveLength(source.spans!.length);
        const stored = new Set(article.spans.map((s) => `${s.start}:${s.end}:${s.entity?.key ?? s.claim?.key}`));
        for (const g of source.spans!) {
          const start = prepared.mapOffset(g.start, "start");
          const end = prepared.mapOffset(g.end, "end");
          expect(stored.has(`${start}:${end}:${g.entity ?? g.claim}`), `${source.external_id} ${g.text}`).toBe(true);
        }
        for (const span of article.spans) expect(sliceCodePoints(article.text, span.start, span.end)).toBe(span.quote);
      }

      const before = await snapshot(db);
      expect(await importJsonl(db, { content: body() })).toMatchObject({
        imported: 0,
        updated: 0,
        skipped: articles.length,
        spans: 0,
      });
      expect(await snapshot(db)).toEqual(before);
    });

    it("opens every story in the reader with its spans and every pair of versions aligned", async () => {
      for (const key of stories) {
        const languages = articles.filter((a) => a.story === key).map((a) => a.language);
        const view = (await loadStoryView(db, key, languages.join(",")))!;
        expect(view.panes.length).toBeGreaterThanOrEqual(Math.min(languages.length, 2));
        expect(view.panes.map((p) => p.language)).toEqual(languages.slice(0, view.panes.length));
        expect(view.alignments).toHaveLength((view.panes.length * (view.panes.length - 1)) / 2);
        for (const alignment of view.alignments) {
          const [a, b] = [view.panes[alignment.left]!, view.panes[alignment.right]!];
          expect(alignment.beads.flatMap((bead) => bead.a)).toEqual([...a.paragraphs.keys()]);
          expect(alignment.beads.flatMap((bead) => bead.b)).toEqual([...b.paragraphs.keys()]);
        }
        for (const pane of view.panes) {
          const spans = decodeSpans(pane.spans, pane.id, pane.text);
          expect(spans).toHaveLength(
            articles.find((a) => a.story === key && a.language === pane.language)!.spans!.length,
          );
          for (const span of spans) expect(sliceCodePoints(pane.text, span.start, span.end)).toBe(span.quote);
        }
      }
    });

    it("exports the text and spans back as JSONL", async () => {
      const { text } = await exportBytes(db, process.env.DATABASE_URL!, "jsonl", { stories });
      const lines = text
        .trim()
        .split("\n")
        .map(
          (l) => JSON.parse(l) as { id: string; text: string; spans: { start: number; end: number; text: string }[] },
        );
      expect(lines).toHaveLength(articles.length);
      expect(lines.reduce((n, l) => n + l.spans.length, 0)).toBe(goldSpans);
      for (const line of lines) {
        const source = articles.find((a) => prepareText(a.text).text === line.text);
        expect(source, "an exported text that was not imported").toBeDefined();
        for (const s of line.spans) expect(sliceCodePoints(line.text, s.start, s.end)).toBe(s.text);
      }
    });

    it("suggests every gold mention of an entity from the forms the gold gives it", () => {
      // (The fixture corpus's gold is complete for its entities: lib/suggestions/mentions.test.ts checks
      // that nothing else is found.)
      const prepared = new Map(articles.map((a) => [a.external_id, prepareText(a.text)]));
      const texts = articles.map((a) => ({
        id: a.external_id,
        language: a.language,
        text: prepared.get(a.external_id)!.text,
      }));
      const forms = new Map<string, string[]>();
      for (const a of articles) {
        for (const s of a.spans!) {
          if (!s.entity) continue;
          const list = forms.get(s.entity) ?? [];
          if (!list.includes(s.text)) list.push(s.text);
          forms.set(s.entity, list);
        }
      }
      expect(forms.size).toBeGreaterThan(0);
      for (const [entity, [name, ...aliases]] of forms) {
        const found = findMentions(texts, { name: name!, aliases });
        for (const a of articles) {
          const p = prepared.get(a.external_id)!;
          for (const s of a.spans!.filter((g) => g.entity === entity)) {
            const [start, end] = [p.mapOffset(s.start, "start"), p.mapOffset(s.end, "end")];
            // Exactly there, or with an inflection the gold leaves out (Swedish "FN:s säkerhetsråd|s|").
            const hit = found.find((m) => m.articleId === a.external_id && m.start === start && m.end >= end);
            expect(hit && hit.end - end <= 2, `${entity}: ${a.external_id} ${s.text}`).toBe(true);
          }
        }
      }
    });
  });
}
