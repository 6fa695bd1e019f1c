import { accountStatus, type AccountState } from "@/lib/users/status";

const TONE: Record<ReturnType<typeof accountStatus>, string> = {
  disabled: "rounded bg-red-100 px-1.5 py-0.5 text-red-900",
  invited: "rounded bg-amber-100 px-1.5 py-0.5 text-amber-900",
  "password reset": "rounded bg-amber-100 px-1.5 py-0.5 text-amber-900",
  active: "",
};

/** An account's status, worded the same wherever it is shown. */
export function AccountStatusBadge({ user }: { user: AccountState }) {
  const status = accountStatus(user);
  return <span className={TONE[status]}>{status}</span>;
}
