import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, fillLine, openNewPaymentLink, uniqueReference } from "./helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, ACCOUNTS.berlinAgent);
  await openNewPaymentLink(page);
});

test("payment platform store: only QR code and Copy link are offered, with the reason on screen", async ({ page }) => {
  const sendBy = page.getByRole("radiogroup", { name: "Send by" });
  await expect(sendBy.getByRole("radio")).toHaveCount(2);
  await expect(sendBy.getByRole("radio", { name: "QR code" })).toBeVisible();
  await expect(sendBy.getByRole("radio", { name: "Copy link" })).toBeVisible();
  for (const name of ["SMS", "Email", "Customer QR token"]) await expect(page.getByRole("radio", { name })).toHaveCount(0);
  await expect(sendBy).toHaveAccessibleDescription(/aren't available/);
  await expect(page.getByText(/aren't available/)).toBeVisible();
  await expect(page.getByRole("group", { name: "Line 1" }).getByLabel("Tax rate (%)")).toHaveValue("19");
});

test("payment platform store: a QR code link shows the QR code", async ({ page }, testInfo) => {
  await fillLine(page, 0, { item: "Schreibtischlampe", quantity: "1", unitPrice: "79,90" });
  await expect(page.getByRole("status", { name: "Order total" })).toHaveText(/79,90\s*€/);
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "berlin-qr"));
  await page.getByRole("radio", { name: "QR code" }).check();
  const { sessionId } = await createAndOpen(page);
  // The payment platform never reports payments: the page says so instead of promising live updates.
  await expect(page.getByText("This store's payment provider doesn't report payment status to the portal.", { exact: false })).toBeVisible();
  await expect(page.getByText("Updates automatically")).toHaveCount(0);
  const polls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/sessions/${sessionId}`) polls.push(request.url());
  });
  const qr = page.getByRole("img", { name: "QR code for the payment link" });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await page.waitForTimeout(4_500);
  expect(polls).toEqual([]);
});

test("payment platform store: a Copy link link is copied to the clipboard", async ({ page, context }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await fillLine(page, 0, { item: "Stuhl", quantity: "2", unitPrice: "45" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "berlin-link"));
  await page.getByRole("radio", { name: "Copy link" }).check();
  const { link } = await createAndOpen(page);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});
