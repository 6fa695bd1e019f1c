/**
 * `npm run cli -- users …`: the admin console's account management from the
 * command line, for when no admin can sign in (or for scripts). The same
 * domain functions as the console (lib/users), audited as done by "cli".
 */
import { CLI_ACTOR } from "../../lib/audit/log";
import { setPasswordWithToken } from "../../lib/auth/password-tokens";
import { MIN_PASSWORD_LENGTH } from "../../lib/auth/password";
import type { Role } from "../../lib/generated/prisma/enums";
import { roleSchema } from "../../lib/users/input";
import { listUsers, userByEmail } from "../../lib/users/list";
import { changeRole, createUser, resetPassword, setDisabled } from "../../lib/users/manage";
import { accountStatus } from "../../lib/users/status";
import { operatorCommand, parseOptions, readSecretFromStdin, UsageError } from "../lib/cli-operator";
import type { CliCommand, CliContext } from "./types";
import { runUnlock } from "./users-unlock";

const HELP = `usage: npm run cli -- users list [--role ROLE] [--status active|disabled] [--search TEXT]
       npm run cli -- users create EMAIL --name NAME --role ROLE [--password-stdin]
       npm run cli -- users role EMAIL ROLE
       npm run cli -- users disable EMAIL
       npm run cli -- users enable EMAIL
       npm run cli -- users reset EMAIL [--password-stdin]
       npm run cli -- users unlock EMAIL

list     accounts, one a line: e-mail, name, role, status, last sign-in (tab-separated)
create   a new account; prints its one-time set-password link — or, with
         --password-stdin, sets the password read from standard input
role     changes the role: ADMIN, EDITOR or VIEWER
disable  ends every session; the account's API tokens stop working
enable   lets a disabled account sign in again
reset    the old password stops working, every session ends and every API
         token is revoked; prints a one-time link (or --password-stdin)
unlock   lifts sign-in throttling from the account

Every change is in the audit log with the actor "cli". The last active
administrator can be neither demoted nor disabled.
Exit status: 0 done, 2 bad usage or input, 1 refused (unknown e-mail, …).`;

function parseRole(value: string | undefined): Role {
  if (!value) throw new UsageError("a role is required: ADMIN, EDITOR or VIEWER");
  const role = roleSchema.safeParse(value.toUpperCase());
  if (!role.success) throw new UsageError(`unknown role ${JSON.stringify(value)}: choose ADMIN, EDITOR or VIEWER`);
  return role.data;
}

function oneEmail(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`${what} takes one e-mail address`);
  return positionals[0]!;
}

async function readPassword(ctx: CliContext): Promise<string> {
  const password = await readSecretFromStdin(ctx.stdin);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
}

const iso = (d: Date | null) => (d ? d.toISOString() : "never");

async function list(args: string[], { db }: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    role: { type: "string" },
    status: { type: "string" },
    search: { type: "string" },
  });
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const status = values.status;
  if (status !== undefined && status !== "active" && status !== "disabled") {
    throw new UsageError("--status is active or disabled");
  }
  const role = values.role === undefined ? undefined : parseRole(values.role);
  for (let page = 1; ; page++) {
    const found = await listUsers(db, { q: values.search, role, status, page, pageSize: 200 });
    for (const u of found.users) {
      console.log([u.email, u.name, u.role, accountStatus(u), iso(u.lastSignInAt)].join("\t"));
    }
    if (page * found.pageSize >= found.total) return 0;
  }
}

async function create(args: string[], ctx: CliContext): Promise<number> {
  const { db } = ctx;
  const { values, positionals } = parseOptions(args, {
    name: { type: "string" },
    role: { type: "string" },
    "password-stdin": { type: "boolean" },
  });
  const email = oneEmail(positionals, "create");
  if (!values.name) throw new UsageError("--name NAME is required");
  const role = parseRole(values.role);
  // Read (and check) the password first, so a refused one creates no account.
  const password = values["password-stdin"] ? await readPassword(ctx) : null;
  const created = await createUser(db, CLI_ACTOR, { email, name: values.name, role });
  if (password) {
    await setPasswordWithToken(db, created.token, password, { actor: CLI_ACTOR });
    console.log(`Created ${created.email} (${role.toLowerCase()}) with the password given.`);
  } else {
    console.log(`Created ${created.email} (${role.toLowerCase()}). Hand over this one-time link to set a password`);
    console.log(`(valid until ${created.expiresAt.toISOString()}):`);
    console.log(created.link);
  }
  return 0;
}

async function role(args: string[], { db }: CliContext): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals.length !== 2) throw new UsageError("role takes an e-mail address and a role");
  const newRole = parseRole(positionals[1]);
  const user = await userByEmail(db, positionals[0]!);
  const { changed } = await changeRole(db, CLI_ACTOR, user.id, newRole);
  console.log(
    changed
      ? `${user.email} is now ${newRole.toLowerCase()} (was ${user.role.toLowerCase()}).`
      : `${user.email} is already ${newRole.toLowerCase()}.`,
  );
  return 0;
}

async function disableOrEnable(args: string[], { db }: CliContext, disabled: boolean): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const user = await userByEmail(db, oneEmail(positionals, disabled ? "disable" : "enable"));
  const { changed, sessionsEnded } = await setDisabled(db, CLI_ACTOR, user.id, disabled);
  if (!changed) console.log(`${user.email} is already ${disabled ? "disabled" : "enabled"}.`);
  else if (disabled) console.log(`Disabled ${user.email} (${sessionsEnded} session(s) ended).`);
  else console.log(`Enabled ${user.email}.`);
  return 0;
}

async function reset(args: string[], ctx: CliContext): Promise<number> {
  const { db } = ctx;
  const { values, positionals } = parseOptions(args, { "password-stdin": { type: "boolean" } });
  const email = oneEmail(positionals, "reset");
  const password = values["password-stdin"] ? await readPassword(ctx) : null;
  const user = await userByEmail(db, email);
  const done = await resetPassword(db, CLI_ACTOR, user.id);
  const ended = `${done.sessionsEnded} session(s) ended, ${done.tokensRevoked} API token(s) revoked`;
  if (password) {
    await setPasswordWithToken(db, done.token, password, { actor: CLI_ACTOR });
    console.log(`Reset the password of ${user.email} to the one given (${ended}).`);
  } else {
    console.log(`Reset the password of ${user.email} (${ended}). Hand over this one-time link`);
    console.log(`(valid until ${done.expiresAt.toISOString()}):`);
    console.log(done.link);
  }
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], ctx: CliContext) => Promise<number>> = {
  list,
  create,
  role,
  disable: (args, ctx) => disableOrEnable(args, ctx, true),
  enable: (args, ctx) => disableOrEnable(args, ctx, false),
  reset,
  unlock: runUnlock,
};

const command: CliCommand = {
  summary: "manage accounts: list, create, role, disable, enable, reset, unlock",
  help: HELP,
  async run([sub, ...args], ctx) {
    const run = sub && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run) {
      console.error(sub ? `unknown users command: ${sub}\n\n${HELP}` : HELP);
      return 2;
    }
    return operatorCommand(HELP, () => run(args, ctx));
  },
};

export default command;
