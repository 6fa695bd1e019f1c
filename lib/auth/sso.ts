/**
 * Signing in with an OpenID Connect identity. The identity (issuer + subject)
 * is linked to a local account on its first use: to the account with the
 * same e-mail when there is one, otherwise to a new VIEWER account if the
 * e-mail's domain is allowed. Anything else is refused. The session opened is
 * the same kind of UserSession as for a password, so it can be revoked.
 */
import type { Db } from "../db";
import { audit } from "../audit/log";
import { createSession } from "./sessions";
import { normalizeEmail } from "./sign-in";

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null | undefined;
  /** As the provider states it; undefined when it does not say. */
  emailVerified: boolean | undefined;
  name: string | null | undefined;
}

export type SsoRefusal = "SsoNoEmail" | "SsoUnverified" | "SsoUnknown" | "SsoDisabled" | "SsoConflict";

export type SsoResult =
  | { ok: true; userId: string; email: string; name: string; sessionId: string; linked: boolean; created: boolean }
  | { ok: false; code: SsoRefusal };

export const SSO_MESSAGES: Record<SsoRefusal, string> = {
  SsoNoEmail: "Your identity provider did not share an e-mail address, so Parallax cannot tell who you are.",
  SsoUnverified: "Your identity provider has not verified your e-mail address. Verify it there, then try again.",
  SsoUnknown:
    "There is no Parallax account for your e-mail address. Ask an administrator to create one, then sign in again.",
  SsoDisabled: "This account is disabled. Ask an administrator to enable it.",
  SsoConflict:
    "Your Parallax account is already linked to a different identity at this provider. Ask an administrator for help.",
};

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

export async function signInWithOidc(
  db: Db,
  identity: OidcIdentity,
  options: { allowedDomains: string[]; ip?: string | null; userAgent?: string | null },
): Promise<SsoResult> {
  const email = identity.email ? normalizeEmail(identity.email) : null;
  const refuse = async (code: SsoRefusal, userId?: string): Promise<SsoResult> => {
    await audit(db, {
      action: "auth.sign_in_failed",
      target: userId ? { type: "user", id: userId } : null,
      ip: options.ip,
      detail: { method: "oidc", issuer: identity.issuer, subject: identity.subject, email, reason: code },
    });
    return { ok: false, code };
  };

  const linkedIdentity = await db.userIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  let user = linkedIdentity?.user ?? null;
  let linked = false;
  let created = false;

  if (!user) {
    if (!email || !email.includes("@")) return refuse("SsoNoEmail");
    // Linking by e-mail trusts the provider's word that the address is theirs.
    if (identity.emailVerified === false) return refuse("SsoUnverified");
    const existing = await db.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, disabledAt: true, identities: { select: { issuer: true } } },
    });
    if (existing) {
      if (existing.disabledAt) return refuse("SsoDisabled", existing.id);
      if (existing.identities.some((i) => i.issuer === identity.issuer)) return refuse("SsoConflict", existing.id);
      await db.userIdentity.create({
        data: { userId: existing.id, issuer: identity.issuer, subject: identity.subject },
      });
      await audit(db, {
        action: "user.identity_linked",
        actor: { id: existing.id, email: existing.email },
        target: { type: "user", id: existing.id },
        after: { issuer: identity.issuer, subject: identity.subject },
        ip: options.ip,
      });
      user = existing;
      linked = true;
    } else if (options.allowedDomains.includes(domainOf(email))) {
      const name = identity.name?.trim().slice(0, 200) || email.slice(0, email.indexOf("@"));
      const row = await db.$transaction(async (tx) => {
        const u = await tx.user.create({ data: { email, name, role: "VIEWER" } });
        await tx.userIdentity.create({ data: { userId: u.id, issuer: identity.issuer, subject: identity.subject } });
        await audit(tx, {
          action: "user.created",
          actor: { id: u.id, email: u.email },
          target: { type: "user", id: u.id },
          after: { email, name, role: "VIEWER" },
          ip: options.ip,
          detail: { via: "oidc", issuer: identity.issuer, domain: domainOf(email) },
        });
        return u;
      });
      user = { id: row.id, email: row.email, name: row.name, disabledAt: null };
      created = true;
    } else {
      return refuse("SsoUnknown");
    }
  }

  if (user.disabledAt) return refuse("SsoDisabled", user.id);
  const sessionId = await createSession(db, user.id, { ip: options.ip, userAgent: options.userAgent, method: "oidc" });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit(db, {
    action: "auth.sign_in",
    actor: { id: user.id, email: user.email },
    target: { type: "user", id: user.id },
    ip: options.ip,
    detail: { method: "oidc", issuer: identity.issuer },
  });
  return { ok: true, userId: user.id, email: user.email, name: user.name, sessionId, linked, created };
}
