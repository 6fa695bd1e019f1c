import { describe, expect, it } from "vitest";
import { checkServerEnv, EnvError, parseEnv } from "./env";

describe("the environment", () => {
  it("gives defaults for what is unset or blank, and numbers for numbers", () => {
    const env = parseEnv({ PARALLAX_WORKER_CONCURRENCY: "3", PARALLAX_EXPORT_RETENTION_DAYS: " " });
    expect(env).toMatchObject({
      PARALLAX_WORKER_CONCURRENCY: 3,
      PARALLAX_EXPORT_RETENTION_DAYS: 7,
      DATABASE_POOL_SIZE: 10,
    });
    expect(env.APP_URL).toBeUndefined();
  });

  it("names every bad variable at once, with what it must be", () => {
    let error: unknown;
    try {
      parseEnv({ APP_URL: "localhost:3000", PARALLAX_QUEUE_POOL_SIZE: "four", DATABASE_URL: "mysql://x/y" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).problems).toEqual([
      expect.stringMatching(/^DATABASE_URL: must be a postgresql:\/\/ connection URL/),
      expect.stringMatching(/^APP_URL: must be an absolute http:\/\/ or https:\/\/ URL/),
      expect.stringMatching(/^PARALLAX_QUEUE_POOL_SIZE: must be a number/),
    ]);
    expect((error as Error).message).toContain("The environment is not valid:\n  - DATABASE_URL");
  });

  it("reads a changed value, not the one parsed before", () => {
    expect(parseEnv({ PARALLAX_DATA_DIR: "/a" }).PARALLAX_DATA_DIR).toBe("/a");
    expect(parseEnv({ PARALLAX_DATA_DIR: "/b" }).PARALLAX_DATA_DIR).toBe("/b");
  });

  it("requires a database and a session secret of a server, a database of a worker", () => {
    expect(() => checkServerEnv({})).toThrow(/DATABASE_URL: is required[\s\S]*AUTH_SECRET: is required/);
    const database = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/parallax" };
    expect(() => checkServerEnv(database)).toThrow(/AUTH_SECRET/);
    expect(checkServerEnv(database, { secret: false }).DATABASE_URL).toBe(database.DATABASE_URL);
    expect(() => checkServerEnv({ ...database, AUTH_SECRET: "short" })).toThrow(/at least 16 characters/);
    expect(checkServerEnv({ ...database, AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET).toHaveLength(32);
  });
});
