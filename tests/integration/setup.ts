// Integration tests run against the real, freshly migrated database that
// `npm test` (scripts/test.ts) creates for this run.
if (!process.env.DATABASE_URL) {
  throw new Error("Integration tests need DATABASE_URL: run them with `npm test -- integration`.");
}
