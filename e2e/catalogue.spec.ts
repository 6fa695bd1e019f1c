/**
 * The entities and claims of every story, from the header: found by a name
 * in any language, a Wikidata id or words of a statement, each leading to its
 * page of mentions.
 */
import { expect, test } from "./support/fixtures";

test.describe("entities and claims across stories", () => {
  test("a viewer finds an entity by its Chinese name and by its Wikidata id, and opens its page", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    await page.getByTestId("app-header").getByRole("link", { name: "Entities" }).click();
    await expect(page.getByRole("heading", { name: "Entities", level: 1 })).toBeVisible();

    const search = page.getByLabel("Name, alias or Wikidata id");
    await search.fill("欧盟");
    await search.press("Enter");
    await expect(page).toHaveURL(/\/entities\?q=/);
    const first = page.getByTestId("entity-row").first();
    await expect(first.getByRole("link", { name: "European Union" })).toBeVisible();
    await expect(first).toContainText("Q458");
    await expect(first.getByRole("list", { name: "Names of European Union" })).toContainText("欧盟");

    await page.getByLabel("Name, alias or Wikidata id").fill("q458");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("entity-row")).toHaveCount(1);
    await page.getByTestId("entity-row").getByRole("link", { name: "European Union" }).click();
    await expect(page.getByTestId("entity-name")).toHaveText("European Union");

    // Nothing matches: said so.
    await page.goto(`/entities?q=${encodeURIComponent("no such entity anywhere zzq")}`);
    await expect(page.getByTestId("entity-count")).toHaveText("No entity matches.");
  });

  test("the claims list shows a claim's verdict, narrows by words of the statement and leads to the claim", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    await page.getByTestId("app-header").getByRole("link", { name: "Claims" }).click();
    await expect(page.getByRole("heading", { name: "Claims", level: 1 })).toBeVisible();
    await page.getByLabel("Words of the statement").fill("TERMINAL cost 310");
    await page.getByRole("button", { name: "Search" }).click();
    const row = page.getByTestId("claim-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("claim-verdict")).toHaveText(/true/i);
    await row.getByRole("link", { name: /shore-power terminal cost 310 million kronor/ }).click();
    await expect(page).toHaveURL(/\/claims\//);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("310 million kronor");
  });
});
