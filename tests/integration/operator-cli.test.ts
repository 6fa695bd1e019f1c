/**
 * The operator's commands: `users …` and `tokens …` change accounts through
 * the admin console's domain functions, audited with the actor "cli"; a token
 * the CLI prints works against the API; bad input is refused clearly. Most
 * runs call the command in this process (a CLI process takes seconds to
 * start); two run it as an operator does, as a child process with a pipe.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { signInWithPassword } from "@/lib/auth/sign-in";
import tokensCommand from "../../scripts/cli/tokens";
import usersCommand from "../../scripts/cli/users";
import { testDb } from "./db";
import { createUser, sessionCookie } from "./support/users";

const db = testDb();
const root = path.resolve(import.meta.dirname, "../..");

type Result = { code: number; stdout: string; stderr: string };

/** `npm run cli -- ARGS` as a child process, with `stdin` piped in. */
function spawnCli(args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, APP_URL: "https://parallax.example" },
      stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: out, stderr: err }));
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

afterEach(() => vi.restoreAllMocks());

/** The command's run() in this process, its console output captured. */
async function cli([name, ...args]: string[], stdin?: string): Promise<Result> {
  const command = name === "users" ? usersCommand : name === "tokens" ? tokensCommand : null;
  if (!command) throw new Error(`not an operator command: ${name}`);
  let stdout = "";
  let stderr = "";
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`));
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`));
  try {
    const code = await command.run(args, {
      db,
      databaseUrl: process.env.DATABASE_URL!,
      log: (m) => void (stderr += `${m}\n`),
      stdin: Readable.from(stdin === undefined ? [] : [stdin]),
    });
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

const email = (what: string) => `cli-${what}-${randomBytes(4).toString("hex")}@it.parallax.test`;

async function cliEvents(targetId: string) {
  return db.auditEvent.findMany({ where: { targetId, actorEmail: "cli" }, orderBy: { id: "asc" } });
}

async function me(token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const req = new NextRequest("http://localhost/api/me", { headers: { authorization: `Bearer ${token}` } });
  const res = await getMe(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("npm run cli -- users", () => {
  it("creates an account with a one-time link, or with a password from standard input", async () => {
    const linked = email("link");
    const made = await cli(["users", "create", linked, "--name", "Linked Person", "--role", "editor"]);
    expect(made.stderr).not.toMatch(/error/);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]{43}$/m);
    const user = await db.user.findUniqueOrThrow({ where: { email: linked } });
    expect(user).toMatchObject({ name: "Linked Person", role: "EDITOR", passwordHash: null });
    expect(await cliEvents(user.id)).toMatchObject([
      { action: "user.created", actorId: null, actorEmail: "cli", after: { email: linked, role: "EDITOR" } },
    ]);

    const withPassword = email("stdin");
    const piped = await spawnCli(
      ["users", "create", withPassword, "--name", "Piped Person", "--role", "VIEWER", "--password-stdin"],
      "a piped long passphrase\n",
    );
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain("set-password");
    expect((await signInWithPassword(db, { email: withPassword, password: "a piped long passphrase" })).ok).toBe(true);
    const piper = await db.user.findUniqueOrThrow({ where: { email: withPassword } });
    expect((await cliEvents(piper.id)).map((e) => e.action)).toEqual(["user.created", "user.password_set"]);

    // A password too short is refused before any account is made.
    const weak = email("weak");
    const refused = await cli(
      ["users", "create", weak, "--name", "Weak", "--role", "VIEWER", "--password-stdin"],
      "short\n",
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("at least 12 characters");
    expect(await db.user.findUnique({ where: { email: weak } })).toBeNull();

    const taken = await cli(["users", "create", linked, "--name", "Again", "--role", "VIEWER"]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`There is already an account for ${linked}`);
  }, 120_000);

  it("lists, changes roles, disables and enables, refusing an unknown e-mail or role", async () => {
    const target = await createUser(db, "VIEWER");
    const listed = await cli(["users", "list", "--search", target.email]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split("\t")).toEqual([target.email, target.name, "VIEWER", "active", "never"]);

    const promoted = await cli(["users", "role", target.email.toUpperCase(), "editor"]);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain("is now editor (was viewer)");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("EDITOR");

    const badRole = await cli(["users", "role", target.email, "OWNER"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('unknown role "OWNER": choose ADMIN, EDITOR or VIEWER');
    const nobody = await cli(["users", "disable", "nobody@it.parallax.test"]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("There is no account for nobody@it.parallax.test");

    const { sessionId } = await sessionCookie(db, target.id);
    expect((await cli(["users", "disable", target.email])).stdout).toContain("1 session(s) ended");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).not.toBeNull();
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    expect((await cli(["users", "enable", target.email])).code).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();

    expect(await cliEvents(target.id)).toMatchObject([
      { action: "user.role_changed", actorId: null, before: { role: "VIEWER" }, after: { role: "EDITOR" } },
      { action: "user.disabled", detail: { sessionsEnded: 1 } },
      { action: "user.enabled" },
    ]);
  }, 120_000);

  it("resets a password, ending sessions and revoking API tokens as the console's reset does", async () => {
    const target = await createUser(db, "EDITOR");
    await sessionCookie(db, target.id);
    const minted = await cli(["tokens", "create", "--user", target.email, "--name", "doomed"]);
    const token = minted.stdout.trim();
    expect((await me(token)).status).toBe(200);

    const reset = await cli(["users", "reset", target.email]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("1 session(s) ended, 1 API token(s) revoked");
    expect(reset.stdout).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/m);
    expect((await me(token)).status).toBe(401);
    expect((await signInWithPassword(db, { email: target.email, password: target.password })).ok).toBe(false);

    const piped = await cli(["users", "reset", target.email, "--password-stdin"], "the operator's new passphrase");
    expect(piped.code).toBe(0);
    const signIn = await signInWithPassword(db, { email: target.email, password: "the operator's new passphrase" });
    expect(signIn.ok).toBe(true);
    expect((await cliEvents(target.id)).map((e) => e.action)).toEqual([
      "user.password_reset",
      "user.password_reset",
      "user.password_set",
    ]);
  }, 120_000);

  it("answers an unknown subcommand with the usage on stderr and exit status 2", async () => {
    const unknown = await cli(["users", "frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown users command: frobnicate");
    expect(unknown.stderr).toContain("usage: npm run cli -- users list");
    const bare = await cli(["tokens"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("usage: npm run cli -- tokens create");
  }, 120_000);
});

describe("npm run cli -- tokens", () => {
  it("creates a token that works against GET /api/me, lists it and revokes it by prefix", async () => {
    const owner = await createUser(db, "VIEWER");
    const created = await spawnCli([
      "tokens",
      "create",
      "--user",
      owner.email,
      "--name",
      "nightly export",
      "--expires-days",
      "30",
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^plx_[A-Za-z0-9_-]{32}$/);
    expect(created.stderr).toContain("shown only this once");

    const answer = await me(token);
    expect(answer).toMatchObject({ status: 200, body: { email: owner.email, role: "VIEWER", via: "token" } });

    const listed = await cli(["tokens", "list", "--user", owner.email]);
    const [id, prefix, name, , lastUsed, expires, status] = listed.stdout.trim().split("\t");
    expect([prefix, name, status]).toEqual([token.slice(0, 10), "nightly export", "active"]);
    expect(lastUsed).not.toBe("never used");
    expect(expires).not.toBe("no expiry");
    expect(listed.stdout).not.toContain(token);

    const revoked = await cli(["tokens", "revoke", "--user", owner.email, prefix!]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain("Revoked plx_");
    expect((await me(token)).status).toBe(401);

    expect(await cliEvents(id!)).toMatchObject([
      { action: "token.created", actorId: null, after: { name: "nightly export" }, detail: { owner: owner.email } },
      { action: "token.revoked", actorId: null, detail: { owner: owner.email } },
    ]);

    const unknownToken = await cli(["tokens", "revoke", "--user", owner.email, "plx_nope"]);
    expect(unknownToken.code).toBe(1);
    expect(unknownToken.stderr).toContain(`${owner.email} has no token plx_nope`);
    const noUser = await cli(["tokens", "list"]);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain("--user EMAIL is required");
  }, 120_000);
});
