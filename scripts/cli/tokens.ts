/**
 * `npm run cli -- tokens …`: a person's API tokens from the command line —
 * create one for a script (the secret is printed once), list them, revoke
 * one. The same domain functions as the account page and the admin console
 * (lib/auth/api-tokens), audited as done by "cli".
 */
import { CLI_ACTOR } from "../../lib/audit/log";
import { createPersonalToken, listApiTokens, revokePersonalToken } from "../../lib/auth/api-tokens";
import { AppError } from "../../lib/errors";
import { userByEmail } from "../../lib/users/list";
import { operatorCommand, parseOptions, UsageError } from "../lib/cli-operator";
import type { CliCommand, CliContext } from "./types";

const HELP = `usage: npm run cli -- tokens create --user EMAIL --name NAME [--expires-days N]
       npm run cli -- tokens list --user EMAIL
       npm run cli -- tokens revoke --user EMAIL TOKEN

create  a personal access token acting as the user (never more than the user's
        current role). The token alone goes to standard output, once: it
        cannot be shown again. Use it as  Authorization: Bearer TOKEN
list    the user's tokens, one a line: id, prefix, name, created, last used,
        expires, status (tab-separated; never the secrets)
revoke  TOKEN is the token's id or its prefix (plx_…) as listed

Every change is in the audit log with the actor "cli".
Exit status: 0 done, 2 bad usage or input, 1 refused (unknown e-mail or token).`;

const iso = (d: Date | null, none: string) => (d ? d.toISOString() : none);

function requireUser(value: string | undefined): string {
  if (!value) throw new UsageError("--user EMAIL is required");
  return value;
}

async function create(args: string[], { db }: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    user: { type: "string" },
    name: { type: "string" },
    "expires-days": { type: "string" },
  });
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const email = requireUser(values.user);
  if (!values.name) throw new UsageError("--name NAME is required");
  let expiresInDays: number | null = null;
  if (values["expires-days"] !== undefined) {
    expiresInDays = Number(values["expires-days"]);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650) {
      throw new UsageError("--expires-days is a whole number of days, 1 to 3650");
    }
  }
  const owner = await userByEmail(db, email);
  const created = await createPersonalToken(db, owner, { name: values.name, expiresInDays }, { actor: CLI_ACTOR });
  console.error(
    `Created token ${created.prefix}… (${created.id}) for ${owner.email}, ` +
      `${created.expiresAt ? `valid until ${created.expiresAt.toISOString()}` : "without expiry"}. It is shown only this once:`,
  );
  console.log(created.token);
  return 0;
}

async function list(args: string[], { db }: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { user: { type: "string" } });
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const owner = await userByEmail(db, requireUser(values.user));
  const now = Date.now();
  for (const t of await listApiTokens(db, owner.id)) {
    const status = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt.getTime() <= now ? "expired" : "active";
    console.log(
      [
        t.id,
        t.prefix,
        t.name,
        t.createdAt.toISOString(),
        iso(t.lastUsedAt, "never used"),
        iso(t.expiresAt, "no expiry"),
        status,
      ].join("\t"),
    );
  }
  return 0;
}

async function revoke(args: string[], { db }: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { user: { type: "string" } });
  const owner = await userByEmail(db, requireUser(values.user));
  if (positionals.length !== 1) throw new UsageError("revoke takes one token: its id or prefix");
  const wanted = positionals[0]!;
  const tokens = await listApiTokens(db, owner.id);
  const matches = tokens.filter((t) => t.id === wanted.toLowerCase() || t.prefix === wanted);
  if (matches.length > 1) {
    throw new AppError(
      "AMBIGUOUS",
      `${matches.length} tokens of ${owner.email} have the prefix ${wanted}: give the id.`,
    );
  }
  const token = matches[0];
  if (!token) throw new AppError("NOT_FOUND", `${owner.email} has no token ${wanted}.`, 404);
  const { revoked } = await revokePersonalToken(db, owner, token.id, { actor: CLI_ACTOR });
  console.log(
    revoked
      ? `Revoked ${token.prefix}… "${token.name}" of ${owner.email}.`
      : `${token.prefix}… "${token.name}" was already revoked.`,
  );
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], ctx: CliContext) => Promise<number>> = { create, list, revoke };

const command: CliCommand = {
  summary: "a person's API tokens: create (shown once), list, revoke",
  help: HELP,
  async run([sub, ...args], ctx) {
    const run = sub && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run) {
      console.error(sub ? `unknown tokens command: ${sub}\n\n${HELP}` : HELP);
      return 2;
    }
    return operatorCommand(HELP, () => run(args, ctx));
  },
};

export default command;
