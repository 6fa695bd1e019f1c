/**
 * Playwright fixtures. `users` creates accounts directly in the run's database
 * (a unique e-mail per test) and signs them in by request, the way a browser
 * would post the sign-in form; e2e/auth.spec.ts covers the form itself.
 *
 * Every test also fails if the page reports a Content-Security-Policy
 * violation or an uncaught error: the app must run under its strict policy.
 */
import { randomBytes } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { createDb, type Db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/generated/prisma/enums";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
}

export class Users {
  constructor(readonly db: Db) {}

  async create(
    role: Role,
    options: { name?: string; mustSetPassword?: boolean; email?: string } = {},
  ): Promise<TestUser> {
    const tag = randomBytes(4).toString("hex");
    const email = options.email ?? `${role.toLowerCase()}-${tag}@e2e.parallax.test`;
    const password = `pw-${randomBytes(9).toString("base64url")}`;
    const name = options.name ?? `${role[0]}${role.slice(1).toLowerCase()} ${tag}`;
    const user = await this.db.user.create({
      data: {
        email,
        name,
        role,
        passwordHash: await hashPassword(password),
        mustSetPassword: options.mustSetPassword ?? false,
      },
    });
    return { id: user.id, email, password, name, role };
  }

  /** Signs `user` in within the page's browser context (cookies shared with the page). */
  async signIn(page: Page, user: TestUser): Promise<void> {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const res = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: user.email, password: user.password, json: "true" },
    });
    expect(res.ok(), `sign-in of ${user.email} failed: ${res.status()}`).toBeTruthy();
    const { url } = await res.json();
    expect(new URL(url).searchParams.get("error"), "sign-in error").toBeNull();
  }

  /** Creates a user with `role` and signs them in. */
  async signInAs(page: Page, role: Role): Promise<TestUser> {
    const user = await this.create(role);
    await this.signIn(page, user);
    return user;
  }
}

/** Collects CSP violations and uncaught errors of a page. */
export function watchPage(page: Page, problems: string[]): void {
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Content-Security-Policy/i.test(message.text())) {
      problems.push(`CSP violation on ${page.url()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
}

export const test = base.extend<{ users: Users; pageProblems: string[] }, { workerDb: Db }>({
  workerDb: [
    async ({}, use) => {
      const db = createDb(process.env.DATABASE_URL!);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  users: async ({ workerDb }, use) => {
    await use(new Users(workerDb));
  },
  // Watches the default page of every test; tests watch extra pages with watchPage().
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      watchPage(page, problems);
      await use(problems);
      expect(problems, "the page must run under the Content-Security-Policy without errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
