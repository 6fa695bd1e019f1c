import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseEnv } from "./env";
import { PrismaClient, type Prisma } from "./generated/prisma/client";

export type { Prisma };

/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

function createClient(url: string, onPool?: (pool: pg.Pool) => void): PrismaClient {
  const pool = new pg.Pool({
    connectionString: url,
    max: parseEnv().DATABASE_POOL_SIZE,
    // PostgreSQL compiles a query with JIT once its estimated cost passes a threshold
    // that the story search reaches at a few thousand matching versions; compiling then
    // takes longer (0.1–0.8 s) than the query. None of the app's queries gains from it.
    onConnect: async (client) => {
      await client.query("SET jit = off").catch(() => {});
    },
  });
  onPool?.(pool);
  // The client owns the pool: $disconnect() ends it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

export type Db = PrismaClient;

// One client per process; cached on globalThis so hot reloads in development
// do not open a new pool each time.
const globalForDb = globalThis as unknown as { parallaxDb?: PrismaClient; parallaxDbPool?: pg.Pool };

/** The process-wide Prisma client, connected to DATABASE_URL. */
export function getDb(): PrismaClient {
  if (!globalForDb.parallaxDb) {
    const url = parseEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides one.");
    globalForDb.parallaxDb = createClient(url, (pool) => (globalForDb.parallaxDbPool = pool));
  }
  return globalForDb.parallaxDb;
}

/** The process-wide client's connection pool (metrics), once the client exists. */
export function dbPoolStats(): { totalCount: number; idleCount: number; waitingCount: number } | null {
  const pool = globalForDb.parallaxDbPool;
  return pool ? { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount } : null;
}

/** A separate client for tools and tests that manage their own connection lifetime. */
export function createDb(url: string): PrismaClient {
  return createClient(url);
}

/**
 * `db.user.findMany()` etc. Resolved on first use, so importing this module
 * never needs DATABASE_URL (e.g. during `next build`).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
