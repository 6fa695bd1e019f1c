/**
 * Live updates across app instances: two `next start` processes on one
 * database, as behind a load balancer. An editor whose reader is connected
 * to the first sees, within a second, a span written through the second:
 * the change reaches the other process through the database (the change
 * log and its NOTIFY), not through memory.
 */
import { randomUUID } from "node:crypto";
import { startAppInstances, stopAppInstances, type AppInstance } from "../tests/support/app-instances";
import { expect, test, watchPage } from "./support/fixtures";
import { importCorpusStory, openStory, pane } from "./support/annotate";

test.describe("live updates across app instances", () => {
  let instances: AppInstance[] = [];

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // The job worker is the main app's business here; these two only serve pages and streams.
    instances = await startAppInstances(2, { databaseUrl: process.env.DATABASE_URL!, env: { PARALLAX_WORKER: "off" } });
  });

  test.afterAll(async () => {
    await stopAppInstances(instances);
  });

  test("a reader on the first instance sees a span written through the second within a second", async ({
    browser,
    users,
    workerDb,
  }) => {
    test.slow(); // two more app processes share the machine
    const [first, second] = instances as [AppInstance, AppInstance];
    const key = await importCorpusStory(workerDb, `live-inst-${Date.now().toString(36)}-`);
    const problems: string[] = [];

    const reader = await browser.newContext({ baseURL: first.url });
    const page = await reader.newPage();
    watchPage(page, problems);
    await users.signIn(page, await users.create("EDITOR"));
    await openStory(page, key, ["en"]);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    expect(new URL(page.url()).origin).toBe(first.url);

    // Another editor writes through the second instance's API, signed in there.
    const writer = await browser.newContext({ baseURL: second.url });
    const writerPage = await writer.newPage();
    await users.signIn(writerPage, await users.create("EDITOR"));
    const article = await workerDb.article.findFirstOrThrow({ where: { story: { key }, language: "en" } });
    const org = await workerDb.label.findFirstOrThrow({ where: { key: "ORG" } });
    const quote = "Kestrel University";
    const start = [...article.text.slice(0, article.text.indexOf(quote))].length;
    const spanId = randomUUID();
    // The moment the span is first drawn in the reader, by the page's clock (the machine's, as the test's).
    await page.evaluate((id) => {
      const w = window as unknown as { spanDrawnAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector(`[data-s~="${id}"]`)) return;
        w.spanDrawnAt = Date.now();
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-s"] });
    }, spanId);
    const res = await writerPage.request.post(`/api/articles/${article.id}/spans/mutations`, {
      headers: { origin: second.url },
      data: {
        mutations: [
          {
            type: "create",
            mutationId: randomUUID(),
            span: {
              id: spanId,
              articleId: article.id,
              start,
              end: start + [...quote].length,
              quote,
              kind: "ENTITY",
              labelId: org.id,
            },
          },
        ],
      },
    });
    const acknowledged = Date.now();
    expect(res.ok(), await res.text()).toBe(true);
    expect((await res.json()).results[0]).toMatchObject({ ok: true, span: { id: spanId } });

    await expect(pane(page, 0).locator(`[data-s~="${spanId}"]`).first()).toHaveText(quote);
    const drawn = await page.evaluate(() => (window as unknown as { spanDrawnAt?: number }).spanDrawnAt);
    expect(drawn! - acknowledged, "from the write's answer to the span drawn on the other instance (ms)").toBeLessThan(
      1_000,
    );

    await writer.close();
    await reader.close();
    expect(problems).toEqual([]);
  });
});
