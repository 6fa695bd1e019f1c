import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveRequestUser } from "@/lib/auth/request-user";
import { signInWithOidc } from "@/lib/auth/sso";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();
const ISSUER = "https://idp.example.test";
const sub = () => randomBytes(8).toString("hex");
const options = { allowedDomains: ["newsroom.example"] };

describe("single sign-on linking", () => {
  it("links a known e-mail on first sign-in, then recognises the identity by issuer and subject", async () => {
    const editor = await createUser(db, "EDITOR");
    const subject = sub();
    const first = await signInWithOidc(
      db,
      { issuer: ISSUER, subject, email: editor.email.toUpperCase(), emailVerified: true, name: "E" },
      options,
    );
    expect(first).toMatchObject({ ok: true, userId: editor.id, linked: true, created: false });
    expect(await db.userIdentity.count({ where: { userId: editor.id, issuer: ISSUER, subject } })).toBe(1);
    // Later the e-mail may change at the provider: the link holds.
    const again = await signInWithOidc(
      db,
      { issuer: ISSUER, subject, email: "renamed@elsewhere.example", emailVerified: true, name: "E" },
      options,
    );
    expect(again).toMatchObject({ ok: true, userId: editor.id, linked: false });
    // The session is an ordinary, revocable UserSession.
    const session = await db.userSession.findUniqueOrThrow({ where: { id: again.ok ? again.sessionId : "" } });
    expect(session.method).toBe("oidc");
  });

  it("refuses unknown e-mails unless their domain is allowed, which then join as viewers", async () => {
    const stranger = await signInWithOidc(
      db,
      { issuer: ISSUER, subject: sub(), email: `x-${sub()}@elsewhere.example`, emailVerified: true, name: null },
      options,
    );
    expect(stranger).toEqual({ ok: false, code: "SsoUnknown" });
    const email = `reporter-${sub()}@newsroom.example`;
    const joined = await signInWithOidc(
      db,
      { issuer: ISSUER, subject: sub(), email, emailVerified: true, name: "Reporter" },
      options,
    );
    expect(joined).toMatchObject({ ok: true, created: true });
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "VIEWER", passwordHash: null });
  });

  it("refuses unverified e-mails, disabled accounts and a second identity at the same provider", async () => {
    const user = await createUser(db, "VIEWER");
    expect(
      await signInWithOidc(
        db,
        { issuer: ISSUER, subject: sub(), email: user.email, emailVerified: false, name: null },
        options,
      ),
    ).toEqual({ ok: false, code: "SsoUnverified" });
    expect(
      await signInWithOidc(
        db,
        { issuer: ISSUER, subject: sub(), email: null, emailVerified: undefined, name: null },
        options,
      ),
    ).toEqual({ ok: false, code: "SsoNoEmail" });
    const subject = sub();
    const linked = await signInWithOidc(
      db,
      { issuer: ISSUER, subject, email: user.email, emailVerified: undefined, name: null },
      options,
    );
    expect(linked.ok).toBe(true);
    expect(
      await signInWithOidc(
        db,
        { issuer: ISSUER, subject: sub(), email: user.email, emailVerified: true, name: null },
        options,
      ),
    ).toEqual({ ok: false, code: "SsoConflict" });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(
      await signInWithOidc(
        db,
        { issuer: ISSUER, subject, email: user.email, emailVerified: true, name: null },
        options,
      ),
    ).toEqual({ ok: false, code: "SsoDisabled" });
    expect(await resolveRequestUser(db, new Headers())).toBeNull();
  });
});
