/**
 * An account's status in one word, the same in the user list and on the
 * user's page: disabled, invited (never had a password nor single sign-on),
 * password reset (had one; a reset cleared it) or active.
 */
export type AccountStatus = "disabled" | "invited" | "password reset" | "active";

export interface AccountState {
  disabledAt: Date | null;
  hasPassword: boolean;
  /** Has a linked single sign-on identity. */
  sso: boolean;
  lastSignInAt: Date | null;
}

export function accountStatus(user: AccountState): AccountStatus {
  if (user.disabledAt) return "disabled";
  if (user.hasPassword || user.sso) return "active";
  return user.lastSignInAt ? "password reset" : "invited";
}
