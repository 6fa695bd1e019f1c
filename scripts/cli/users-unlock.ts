/**
 * `users unlock EMAIL`: lifts sign-in throttling from an account (what the
 * admin console's "Unlock sign-in" does), for when no admin can sign in.
 */
import { CLI_ACTOR } from "../../lib/audit/log";
import { unlockSignIn } from "../../lib/users/unlock";
import type { CliCommand, CliContext } from "./types";

export const UNLOCK_HELP = `usage: npm run cli -- users unlock EMAIL

Clears the sign-in throttling counters of the account with this e-mail, from
every address, so its owner can sign in at once. Audited as done by the CLI.`;

export async function runUnlock(args: string[], ctx: CliContext): Promise<number> {
  const email = args[0];
  if (!email || args.length !== 1) {
    console.error(UNLOCK_HELP);
    return 2;
  }
  const { email: unlocked, countersCleared } = await unlockSignIn(ctx.db, CLI_ACTOR, { email });
  console.log(`Unlocked sign-in for ${unlocked} (${countersCleared} counter(s) cleared).`);
  return 0;
}

/**
 * Also runnable alone as `npm run cli -- users-unlock EMAIL`; the `users`
 * command delegates its `unlock` subcommand to runUnlock.
 */
const command: CliCommand = {
  summary: "lift sign-in throttling from an account (users unlock EMAIL)",
  help: UNLOCK_HELP,
  run: runUnlock,
};
export default command;
