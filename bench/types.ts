/**
 * Benchmarks: each `bench/*.bench.ts` default-exports a Bench. `npm run bench`
 * (scripts/bench.ts) gives it a scratch PostgreSQL, runs it, and reports the
 * median of each measurement's samples.
 */
export interface BenchApp {
  baseUrl: string;
  /** The server's process id (for memory readings). */
  pid?: number;
  stop(): Promise<void>;
}

export interface BenchContext {
  /** Creates and migrates a new, empty database; dropped when the run ends. */
  freshDatabase(purpose: string): Promise<{ url: string }>;
  /** Starts the production build on a free port against `databaseUrl` (call again for another instance). */
  startApp(databaseUrl: string): Promise<BenchApp>;
  /** Chromium executable for browser benchmarks. */
  chromiumPath(): string;
  /** Repetitions per measurement (BENCH_RUNS, default 5). */
  runs: number;
  /** Scale down for a quick check (BENCH_QUICK=1). */
  quick: boolean;
  log(message: string): void;
}

export interface Measurement {
  name: string;
  unit: string;
  samples: number[];
  /** Lower is better unless `higherIsBetter`. */
  higherIsBetter?: boolean;
  goal?: number;
  note?: string;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Measurement[]>;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0…1) of `samples`, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
