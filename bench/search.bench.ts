import { createDb } from "../lib/db";
import { importJsonl } from "../lib/import";
import { searchStories } from "../lib/stories/search";
import { generateCorpus } from "./import-corpus";
import type { Bench, Measurement } from "./types";

/**
 * Story search latency (searchStories: ranked page, facets, snippets) on the
 * generated 10,000-article corpus: one word with accents folded, two words
 * in any order, a Chinese substring, an Arabic word, and a word that is
 * nowhere (the whole index is consulted, nothing is found).
 */
const QUERIES: [string, string][] = [
  ["accent-folded word", "Fahre"],
  ["two words, any order", "stad hamn"],
  ["Chinese substring", "日内瓦"],
  ["Arabic word", "الميناء"],
  ["no match", "zzqxv"],
];

const bench: Bench = {
  name: "search",
  description: "story search latency (ranked page, facets, snippets) on a generated 10,000-article corpus",
  async run(ctx) {
    const count = ctx.quick ? 1_000 : 10_000;
    const corpus = generateCorpus(count);
    const { url } = await ctx.freshDatabase("search");
    const db = createDb(url);
    try {
      const report = await importJsonl(db, { content: corpus.lines.join("\n") });
      if (report.rejected.length) throw new Error(`corpus lines rejected: ${report.rejected.length}`);
      await db.$executeRawUnsafe("ANALYZE");
      const measurements: Measurement[] = [];
      for (const [name, q] of QUERIES) {
        for (let i = 0; i < 3; i++) await searchStories(db, { q }); // warm up
        const samples: number[] = [];
        let total = 0;
        for (let i = 0; i < Math.max(ctx.runs, 5) * 4; i++) {
          const t0 = performance.now();
          total = (await searchStories(db, { q })).total;
          samples.push(performance.now() - t0);
        }
        ctx.log(`${name} (${q}): ${total} stories`);
        measurements.push({ name: `search: ${name}`, unit: "ms", samples, note: `${total} stories of ${count / 5}` });
      }
      return measurements;
    } finally {
      await db.$disconnect();
    }
  },
};

export default bench;
