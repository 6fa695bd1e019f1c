/**
 * On a phone (390×844): the reader shows one language at a time with a
 * switcher, the annotation panel is a sheet that opens and closes, and on
 * every page the header fits, with Sign out on screen.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { importFerryStory, openReader, readerPane } from "./support/reader-fixture";

const WIDTH = 390;
test.use({ viewport: { width: WIDTH, height: 844 } });

async function expectFits(page: Page) {
  const header = page.getByTestId("app-header");
  await expect(header).toBeVisible();
  const overflow = await header.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeInViewport({ ratio: 1 });
  const box = (await signOut.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  // Nothing on the page is wider than the screen (the message names what sticks out).
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, (await overflowing(page)).join("\n")).toBeLessThanOrEqual(WIDTH);
}

/** The innermost elements that reach past the right edge of the screen, described briefly. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const wide = [...document.body.querySelectorAll("*")].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 0.5 && !el.closest("[aria-hidden=true], .sr-only");
    });
    // A scroll container's content may extend past the screen: it scrolls inside, the page does not.
    const scrolled = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement)
        if (
          /(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX) &&
          p.getBoundingClientRect().right <= width + 0.5
        )
          return true;
      return false;
    };
    return wide
      .filter((el) => !scrolled(el) && !wide.some((other) => other !== el && el.contains(other)))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`,
      );
  }, WIDTH);
}

test.describe("on a phone", () => {
  test("the reader shows one language at a time, full width, and the panel as a sheet", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "sv"]);
    await expectFits(page);

    const first = readerPane(page, 0);
    await expect(first).toBeVisible();
    expect((await first.boundingBox())!.width).toBeGreaterThan(WIDTH * 0.8);
    await expect(readerPane(page, 1)).toBeHidden();

    const switcher = page.getByRole("tablist", { name: "Language shown" });
    await expect(switcher.getByRole("tab", { name: "en" })).toHaveAttribute("aria-selected", "true");
    await switcher.getByRole("tab", { name: "sv" }).click();
    await expect(switcher.getByRole("tab", { name: "sv" })).toHaveAttribute("aria-selected", "true");
    await expect(readerPane(page, 0)).toBeHidden();
    const second = readerPane(page, 1);
    await expect(second).toBeVisible();
    expect((await second.boundingBox())!.width).toBeGreaterThan(WIDTH * 0.8);
    await expect(page.locator('[data-pane="1"]').getByTestId("pane-language")).toHaveText("sv");

    // The panel does not cover the text until asked for.
    const sheet = page.getByTestId("annotation-sheet");
    await expect(sheet).toBeHidden();
    await page.getByRole("button", { name: "Annotations" }).click();
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId("sidebar-entities")).toBeVisible();
    const box = (await sheet.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    await sheet.getByRole("button", { name: "Close", exact: true }).click();
    await expect(sheet).toBeHidden();
    await expect(second).toBeVisible();
  });

  test("the story list and the export page fit, header and Sign out included", async ({ page, users }) => {
    await users.signInAs(page, "ADMIN");
    await page.goto("/");
    await expectFits(page);
    // The navigation scrolls sideways instead of pushing the account off screen.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Verdicts" })).toBeAttached();
    await page.goto("/export");
    const form = page.getByRole("form", { name: "Export selection" });
    await expect(form).toBeVisible();
    await expectFits(page);
    const box = (await form.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    // Its controls too, with a story chosen and the snapshot form open.
    await page.getByLabel("Stories", { exact: true }).fill("x");
    await page.getByRole("button", { name: "Add story" }).click();
    await page.getByText("Save as a snapshot…").click();
    expect(await overflowing(page)).toEqual([]);
  });
});
