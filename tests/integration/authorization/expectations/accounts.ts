import { admins, everyone, signedIn, type AreaExpectations } from "../expect";

/** Accounts, roles and administration (issue 3). */
export const expectations: AreaExpectations = {
  routes: {
    "GET /api/me": { outcomes: signedIn() },
    "GET /api/admin/users": { outcomes: admins() },
    "POST /api/admin/users": { outcomes: admins(), body: { email: "not-an-email" } },
  },
  actions: {
    "(app)/account/password/actions.ts#changePasswordAction": { outcomes: signedIn() },
    "(app)/account/sessions/actions.ts#revokeSessionAction": { outcomes: signedIn() },
    "(app)/account/sessions/actions.ts#signOutEverywhereAction": { outcomes: signedIn() },
    "(app)/account/tokens/actions.ts#createTokenAction": { outcomes: signedIn() },
    "(app)/account/tokens/actions.ts#revokeTokenAction": { outcomes: signedIn() },
    "(app)/admin/users/actions.ts#createUserAction": { outcomes: admins() },
    "(app)/admin/users/actions.ts#changeRoleAction": { outcomes: admins() },
    "(app)/admin/users/actions.ts#setDisabledAction": { outcomes: admins() },
    "(app)/admin/users/actions.ts#resetPasswordAction": { outcomes: admins() },
    "(app)/admin/users/actions.ts#unlockSignInAction": { outcomes: admins() },
    "(app)/admin/users/actions.ts#revokeUserTokenAction": { outcomes: admins() },
    // The one-time token in the link is the credential.
    "set-password/[token]/actions.ts#setPasswordAction": { outcomes: everyone() },
  },
  publicPages: ["set-password/[token]/page.tsx"],
};
