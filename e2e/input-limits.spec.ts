import { expect, test } from "./support/fixtures";

test.describe("input at the boundary of the running app", () => {
  test("a JSON body past the proxy's limit answers 413 naming the limit, not INVALID_JSON", async ({ page, users }) => {
    await users.signInAs(page, "EDITOR");
    const big = JSON.stringify({ name: "x".repeat(12 * 1024 * 1024), label: "ORG" });
    const res = await page.request.post("/api/entities", {
      data: big,
      headers: { "content-type": "application/json" },
    });
    expect(res.status()).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("BODY_TOO_LARGE");
    expect(body.error.message).toContain("8 MiB");
  });

  test("a NUL in a page's or an API's query answers 400 naming the parameter", async ({ page, users }) => {
    await users.signInAs(page, "VIEWER");
    for (const url of ["/?q=a%00b", "/api/stories?q=%00", "/api/entities?label=%00"]) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /^Query parameter (q|label) contains a NUL character/,
      );
    }
  });
});
