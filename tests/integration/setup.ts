// Integration tests run against the real, freshly migrated database that
// `npm test` (scripts/test.ts) creates for this run.
if (!process.env.DATABASE_URL) {
  throw new Error("Integration tests need DATABASE_URL: run them with `npm test -- integration`.");
}
// Session cookies are signed with this secret in tests (the app gets its own).
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
