import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";

test.describe("at the counter on a phone-sized screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation keeps each link on one line and the form fits the screen", async ({ page }) => {
    await signIn(page, ACCOUNTS.agent);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Dashboard", "New payment link", "Sessions"]) {
      const box = await nav.getByRole("link", { name }).boundingBox();
      expect(box?.height, `${name} wraps`).toBeLessThan(44);
    }
    await nav.getByRole("link", { name: "New payment link" }).click();
    await expect(page.getByRole("button", { name: "Create payment link" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test("keyboard: the first Tab offers to skip the navigation, straight to the page", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/sessions");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("keyboard: New payment link opens with focus on the order's first field (issue 11), so no skipping is needed", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/sessions/new");
  await expect(page.getByRole("group", { name: "Line 1" }).getByLabel("Item")).toBeFocused();
});
