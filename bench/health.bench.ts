import type { Bench } from "./types";

/** Baseline: round trip of GET /api/health (one SELECT 1 and a migrations check) on the production server. */
const bench: Bench = {
  name: "health",
  description: "GET /api/health latency on the production build",
  async run(ctx) {
    const { url } = await ctx.freshDatabase("health");
    const app = await ctx.startApp(url);
    for (let i = 0; i < 20; i++) await fetch(`${app.baseUrl}/api/health`); // warm up
    const samples: number[] = [];
    for (let i = 0; i < Math.max(ctx.runs, 5) * 20; i++) {
      const t0 = performance.now();
      const res = await fetch(`${app.baseUrl}/api/health`);
      await res.arrayBuffer();
      samples.push(performance.now() - t0);
    }
    await app.stop();
    return [{ name: "GET /api/health", unit: "ms", samples }];
  },
};

export default bench;
