import { randomUUID } from "node:crypto";
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./support/fixtures";

/** What a visitor can tell from a response: status, where it sends them (key removed), the document title. */
async function seen(res: APIResponse, key: string) {
  const body = await res.text();
  return {
    status: res.status(),
    location: (res.headers()["location"] ?? "").replaceAll(encodeURIComponent(key), "KEY"),
    titles: [...body.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]),
    body,
  };
}

test("a signed-out visitor learns neither a story's title nor whether its key exists", async ({
  playwright,
  users,
}) => {
  const key = `probe-${randomUUID()}`;
  const title = `Embargoed harbour sale ${randomUUID()}`;
  await users.db.story.create({ data: { key, title } });
  const unknown = `probe-${randomUUID()}`;

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  for (const path of ["/stories/", "/claims/"]) {
    const a = await seen(await anonymous.get(`${path}${key}`, { maxRedirects: 0 }), key);
    const b = await seen(await anonymous.get(`${path}${unknown}`, { maxRedirects: 0 }), unknown);
    expect(a.body).not.toContain(title);
    expect({ ...a, body: undefined }).toEqual({ ...b, body: undefined });
  }
  // Followed to the sign-in page, too.
  const followed = await anonymous.get(`/stories/${key}`);
  expect(await followed.text()).not.toContain(title);
  await anonymous.dispose();
});
