import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, emailField, fillLine, openNewPaymentLink, outboxFor, statusBadge, uniqueReference } from "./helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
});

test("email: a typo in the domain is offered as a one-click fix, and the link is emailed", async ({ page, request }, testInfo) => {
  await fillLine(page, 0, { item: "Notebook", quantity: "1", unitPrice: "89" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "email"));
  await page.getByRole("radio", { name: "Email" }).check();

  const email = emailField(page);
  await email.fill("anna@gmial.com");
  await email.press("Tab");
  await page.getByRole("button", { name: "Did you mean anna@gmail.com?" }).click();
  await expect(email).toHaveValue("anna@gmail.com");
  await expect(page.getByRole("button", { name: /Did you mean/ })).toHaveCount(0);

  const { link } = await createAndOpen(page);
  await expect(statusBadge(page)).toHaveText("Waiting");
  await expect.poll(async () => (await outboxFor(request, link)).map((m) => [m.channel, m.recipient]), { timeout: 10_000 }).toEqual([
    ["email", "anna@gmail.com"],
  ]);
});

test("QR code: the session page shows the QR code large for the customer to scan", async ({ page, request }, testInfo) => {
  await fillLine(page, 0, { item: "Chair", quantity: "1", unitPrice: "1 249,00" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "qr"));
  await page.getByRole("radio", { name: "QR code" }).check();

  const { link } = await createAndOpen(page);
  const qr = page.getByRole("img", { name: "QR code for the payment link" });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const box = await qr.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(200);
  expect(await outboxFor(request, link)).toHaveLength(0);
});
