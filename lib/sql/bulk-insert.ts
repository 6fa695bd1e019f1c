/**
 * Bulk inserts as one statement with one array parameter per column
 * (`INSERT … SELECT * FROM unnest($1::uuid[], $2::text[], …)`). Prisma's
 * createMany builds and checks every row in the client, which dominates an
 * import of thousands of spans; this sends the rows to PostgreSQL as they are.
 */
import type { Tx } from "../db";
import { Prisma } from "../generated/prisma/client";

export interface Column {
  name: string;
  /** PostgreSQL type of one value: uuid, text, int, boolean, jsonb, date, "timestamp(3)", or an enum ("SpanKind"). */
  type: string;
  values: readonly unknown[];
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const TYPE = /^(uuid|text|int|boolean|jsonb|date|timestamp\(3\)|"[A-Za-z]+")$/;

export async function bulkInsert(
  tx: Tx,
  table: string,
  columns: readonly Column[],
  { ignoreConflicts = false }: { ignoreConflicts?: boolean } = {},
): Promise<number> {
  const rows = columns[0]?.values.length ?? 0;
  if (rows === 0) return 0;
  for (const c of [{ name: table, type: "text", values: [] }, ...columns]) {
    if (!IDENTIFIER.test(c.name) || !TYPE.test(c.type)) throw new Error(`bulkInsert: bad column ${c.name} ${c.type}`);
  }
  if (columns.some((c) => c.values.length !== rows)) throw new Error("bulkInsert: columns of different lengths");
  const names = Prisma.raw(columns.map((c) => `"${c.name}"`).join(", "));
  const arrays = Prisma.join(columns.map((c) => Prisma.sql`${c.values}::${Prisma.raw(c.type)}[]`));
  return tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) SELECT * FROM unnest(${arrays})${
    ignoreConflicts ? Prisma.sql` ON CONFLICT DO NOTHING` : Prisma.empty
  }`;
}

/** Timestamps are stored as UTC wall time (Prisma's convention for `timestamp(3)`). */
export function utc(date: Date | null | undefined): string | null {
  return date ? date.toISOString().replace("Z", "") : null;
}

/** A date column (YYYY-MM-DD). */
export function day(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
