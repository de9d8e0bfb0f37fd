import { readFileSync } from "node:fs";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, dismissAlerts, fillLine, openNewPaymentLink, trackPageErrors, uniqueReference } from "./helpers";

/** Creates a link for a customer with a name no other test uses; returns the reference and the name. */
async function createLinkFor(page: Page, testInfo: TestInfo, label: string) {
  const reference = uniqueReference(testInfo, label);
  // Letters only: a fragment with digits in it reads as a reference.
  const surname = `Zettergren${reference.slice(-8).replace(/[^a-z]/gi, (c) => String.fromCharCode(97 + (c.charCodeAt(0) % 26)))}`;
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Lamp", quantity: "1", unitPrice: "250" });
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByLabel("Customer name").fill(`Vera ${surname}`);
  await page.getByRole("radio", { name: "Copy link" }).check();
  await createAndOpen(page);
  return { reference, surname };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

test("filter by date and search by a customer's name, then export exactly those rows", async ({ page }, testInfo) => {
  // Creates a link, then filters, goes back and downloads: the longest journey in this file.
  test.setTimeout(120_000);
  const errors = trackPageErrors(page);
  await signIn(page, ACCOUNTS.manager);
  const { reference, surname } = await createLinkFor(page, testInfo, "hist");
  await page.goto("/sessions");

  await page.getByRole("searchbox", { name: "Search" }).fill(surname);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${surname}`));
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText(reference);
  await expect(table.getByRole("columnheader", { name: "Expires" })).toBeVisible();
  await expect(page.getByText("1 payment link", { exact: true })).toBeVisible();

  // Today (UTC here; the store is a few hours off at most) keeps it; a range that ended last week drops it.
  const today = new Date();
  await page.getByLabel("From").fill(isoDay(new Date(today.getTime() - 86_400_000)));
  await expect(page).toHaveURL(/[?&]from=\d{4}-\d{2}-\d{2}/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByLabel("To").fill(isoDay(new Date(today.getTime() - 7 * 86_400_000)));
  await expect(page.getByText("No payment links match these filters.")).toBeVisible();
  await page.goBack();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${surname}`));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^payment-links-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe("Created,Reference,Store,Amount,Currency,Status,Paid at,Expires at,Customer name,Phone,Email,Last channel,Created by");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${reference},Stockholm,250.00,SEK,Waiting`);
  expect(lines[1]).toContain(`Vera ${surname}`);
  expect(lines[1]).toContain("Maja Manager");
  expect(errors).toEqual([]);
});

test("Older and Newer page through the history by cursor, keeping the filters", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/sessions?status=EXPIRED");
  const links = page.getByRole("table").getByRole("link");
  await expect(links).toHaveCount(25);
  const firstPage = await links.allTextContents();

  await dismissAlerts(page);
  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/[?&]older=/);
  await expect(page).toHaveURL(/[?&]status=EXPIRED/);
  await expect(links.first()).not.toHaveText(firstPage[0]!);
  const secondPage = await links.allTextContents();
  expect(secondPage.filter((ref) => firstPage.includes(ref))).toEqual([]);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "Expired" })).toHaveCount(secondPage.length);

  await dismissAlerts(page);
  await page.getByRole("link", { name: "Newer" }).click();
  await expect(page).toHaveURL(/[?&]newer=/);
  await expect(links.first()).toHaveText(firstPage[0]!);
  expect(await links.allTextContents()).toEqual(firstPage);
  await expect(page.getByRole("link", { name: "Newer" })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("sessions-desktop.png"), fullPage: true });
});

test("at 390 px the list is one card per link with no sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/sessions");
  const table = page.getByRole("table", { name: "Payment links, newest first" });
  const cards = table.locator("tbody").getByRole("row");
  await expect(cards).toHaveCount(25);
  // The column headings are for screen readers only; each row is a card of its own, stacked.
  expect(await table.locator("thead").evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
  const boxes = await cards.evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getBoundingClientRect().toJSON() as DOMRect));
  for (const [index, box] of boxes.entries()) {
    expect(box.right).toBeLessThanOrEqual(390);
    if (index > 0) expect(box.top).toBeGreaterThanOrEqual(boxes[index - 1]!.bottom);
  }
  const card = cards.first();
  await expect(card.getByRole("link")).toBeVisible();
  await expect(card).toContainText(/kr/);
  // What a card leaves out at this width: the channel, the expiry, the creator.
  await expect(card.locator('[data-cell="expires"]')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath("sessions-390.png"), fullPage: true });
});

test("a dashboard figure links to the list filtered to it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/dashboard?period=30d");
  await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "By agent" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("dashboard-desktop.png"), fullPage: true });
  const paid = page.getByRole("link", { name: /^Paid/ });
  const totalFor = (n: number) => (n > 1_000 ? "more than 1,000 payment links" : `${n.toLocaleString("en")} ${n === 1 ? "payment link" : "payment links"}`);
  // Other tests pay links meanwhile: the figure and its list agree when read one right after the other.
  await expect
    .poll(async () => {
      await page.goto("/dashboard?period=30d");
      const figure = Number((await paid.locator("div").nth(1).textContent())!.replace(/\D/g, ""));
      await paid.click();
      await expect(page).toHaveURL(/\/sessions\?status=COMPLETED&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      const total = await page.getByRole("navigation", { name: "Pagination" }).getByRole("paragraph").textContent();
      return total === totalFor(figure);
    }, { timeout: 60_000 })
    .toBe(true);
  await expect(page.getByLabel("Status")).toHaveValue("COMPLETED");

  // The other figures lead to their lists too.
  await page.goto("/dashboard?period=30d");
  await page.getByRole("link", { name: /^Expiring in the next 24 h/ }).click();
  await expect(page).toHaveURL(/\/sessions\?status=expiring$/);
  await expect(page.getByLabel("Status")).toHaveValue("expiring");
  await page.goto("/dashboard?period=30d");
  await page.getByRole("link", { name: "Sends that failed" }).click();
  await expect(page).toHaveURL(/\/sessions\?status=send-failed&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByLabel("Status")).toHaveValue("send-failed");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/dashboard");
  await page.screenshot({ path: test.info().outputPath("dashboard-390.png"), fullPage: true });
});

test("on a slow connection, a filter chosen right after clearing the search keeps both changes", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/sessions?q=Svensson");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("Svensson");
  // Every page the filters ask for takes a second to arrive, so the next change is made while one is on its way.
  await page.route(/\/sessions\?|\/sessions$/, async (route) => {
    if (route.request().headers()["rsc"]) await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.getByRole("searchbox", { name: "Search" }).fill("");
  await page.getByLabel("Status").selectOption({ label: "Expired" });
  await expect(page).toHaveURL(/\/sessions\?status=EXPIRED$/);
  // Nothing arriving later undoes it: no search, and still Expired.
  await page.waitForTimeout(2_500);
  await expect(page).toHaveURL(/\/sessions\?status=EXPIRED$/);
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  const statuses = await page.getByRole("table", { name: "Payment links, newest first" }).locator('tbody [data-cell="status"]').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["Expired"]));
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the filters are a plain form: Apply filters and searches the list", async ({ page }) => {
    await signIn(page, ACCOUNTS.agent);
    await page.goto("/sessions");
    await expect(page.locator("form[role=search]")).toHaveAttribute("method", /^get$/i);
    const rows = page.getByRole("table", { name: "Payment links, newest first" }).locator("tbody").getByRole("row");

    await page.getByLabel("Status").selectOption({ label: "Expired" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]status=EXPIRED/);
    await expect(rows.first()).toBeVisible();
    const statuses = await rows.locator('[data-cell="status"]').allInnerTexts();
    expect(new Set(statuses)).toEqual(new Set(["Expired"]));

    const reference = await rows.nth(1).locator('[data-cell="reference"]').innerText();
    await page.getByRole("searchbox", { name: "Search" }).fill(reference);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${reference}`));
    await expect(page.getByLabel("Status")).toHaveValue("EXPIRED");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(reference);
  });
});
