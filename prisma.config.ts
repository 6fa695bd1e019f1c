import path from "node:path";
import { defineConfig } from "prisma/config";
import { embeddedDatabaseUrl } from "./scripts/lib/database-config";

// Prisma's native schema engine is downloaded from outside the npm registry.
// This stand-in (WebAssembly engine + pg driver adapter) speaks the same
// protocol, so `prisma migrate …` and `prisma generate` work offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts", "prisma-schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx scripts/seed.ts",
  },
  datasource: {
    // Without DATABASE_URL, the CLI talks to the project's embedded PostgreSQL
    // (start it with `npm run db:up`, or use the npm scripts that do it for you).
    url: process.env.DATABASE_URL ?? embeddedDatabaseUrl(),
  },
});
