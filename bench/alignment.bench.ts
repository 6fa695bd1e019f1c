/**
 * Paragraph alignment of two long versions of a story: the automatic
 * alignment alone (alignParagraphs) for 150 to 3,000 paragraphs a side, and
 * alignArticles on two stored 1,500-paragraph versions, computed (cache
 * dropped) and cached. Goal: two 1,500-paragraph versions in well under a
 * second (the reader's own budget is 1 s for the pair).
 */
import { alignParagraphs } from "../lib/alignment/align";
import { forgetAlignment } from "../lib/alignment/cache";
import { longVersions } from "../lib/alignment/long-versions";
import { alignArticles } from "../lib/alignment/store";
import { createDb } from "../lib/db";
import { importJsonl } from "../lib/import";
import type { Bench, Measurement } from "./types";

const WORDS = "harbour ferry power quay port director terminal emissions ships berth summer reporters".split(" ");

/** Text of paragraphs of about these lengths, one per line. */
function textOf(lengths: readonly number[]): string {
  let k = 0;
  return lengths
    .map((length) => {
      let p = "";
      while (p.length < length) p += WORDS[k++ % WORDS.length] + " ";
      return p.trimEnd();
    })
    .join("\n\n");
}

const bench: Bench = {
  name: "alignment",
  description: "paragraph alignment of two long versions: alignParagraphs by size, alignArticles computed and cached",
  async run(ctx) {
    const measurements: Measurement[] = [];
    const sizes = ctx.quick ? [150, 600] : [150, 600, 1_500, 3_000];
    alignParagraphs(...(Object.values(longVersions(300, 99)).slice(0, 2) as [number[], number[]])); // compile first
    for (const size of sizes) {
      const samples: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        const { a, b } = longVersions(size, run + 1);
        const t0 = performance.now();
        alignParagraphs(a, b);
        samples.push(performance.now() - t0);
      }
      measurements.push({
        name: `alignParagraphs, ${size.toLocaleString("en")} paragraphs a side`,
        unit: "ms",
        samples,
        goal: size === 1_500 ? 1000 : undefined,
      });
    }

    const { url } = await ctx.freshDatabase("alignment");
    const db = createDb(url);
    try {
      const size = ctx.quick ? 600 : 1_500;
      const { a, b } = longVersions(size, 42);
      const lines = [
        { external_id: "align-a", story: "bench-alignment", language: "en", title: "A", text: textOf(a) },
        { external_id: "align-b", story: "bench-alignment", language: "fr", title: "B", text: textOf(b) },
      ];
      const report = await importJsonl(db, { content: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
      if (report.rejected.length) throw new Error(`import rejected: ${JSON.stringify(report.rejected)}`);
      const ids = await db.article.findMany({ where: { story: { key: "bench-alignment" } }, select: { id: true } });
      const [idA, idB] = ids.map((x) => x.id) as [string, string];
      const computed: number[] = [];
      const cached: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        forgetAlignment(idA, idB);
        let t0 = performance.now();
        const first = await alignArticles(db, idA, idB);
        computed.push(performance.now() - t0);
        t0 = performance.now();
        await alignArticles(db, idB, idA);
        cached.push(performance.now() - t0);
        if (run === 0)
          ctx.log(
            `${first.a.paragraphs.length} × ${first.b.paragraphs.length} paragraphs, ${first.beads.length} beads`,
          );
      }
      measurements.push(
        { name: `alignArticles, ${size} paragraphs a side, computed`, unit: "ms", samples: computed, goal: 1000 },
        { name: `alignArticles, ${size} paragraphs a side, cached`, unit: "ms", samples: cached },
      );
    } finally {
      await db.$disconnect();
    }
    return measurements;
  },
};

export default bench;
