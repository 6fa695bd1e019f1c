import { afterAll } from "vitest";
import { createDb, type Db } from "@/lib/db";

/** A Prisma client on the run's database, closed after the file's tests. */
export function testDb(): Db {
  const db = createDb(process.env.DATABASE_URL!);
  afterAll(() => db.$disconnect());
  return db;
}
