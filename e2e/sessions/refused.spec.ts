import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, emailField, fillLine, openNewPaymentLink, outboxFor, submitRefused, uniqueReference } from "./helpers";

const REFUSED = "This customer can't be sent a payment link. Ask for another contact or payment method.";

test("a refused contact is explained and everything typed is kept", async ({ page }, testInfo) => {
  const reference = uniqueReference(testInfo, "refused");
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Gift card", quantity: "3", unitPrice: "100" });
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByLabel("Customer name").fill("Blocked Buyer");
  await page.getByRole("radio", { name: "Email" }).check();
  await emailField(page).fill("blocked@example.com");

  await submitRefused(page);
  await expect(page.getByText(REFUSED).first()).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/sessions\/new$/);

  const line = page.getByRole("group", { name: "Line 1" });
  await expect(line.getByLabel("Item")).toHaveValue("Gift card");
  await expect(line.getByLabel("Quantity")).toHaveValue("3");
  await expect(line.getByLabel("Unit price")).toHaveValue("100");
  await expect(page.getByLabel("Merchant reference")).toHaveValue(reference);
  await expect(page.getByLabel("Customer name")).toHaveValue("Blocked Buyer");
  await expect(emailField(page)).toHaveValue("blocked@example.com");
  await expect(page.getByRole("radio", { name: "Email" })).toBeChecked();
  await expect(page.getByRole("button", { name: "Create payment link" })).toBeEnabled();

  // Coming back to the form in this tab (here a reload) puts the draft back and says so.
  await page.reload();
  await expect(line.getByLabel("Item")).toHaveValue("Gift card");
  await expect(page.getByRole("status").filter({ hasText: "What you typed earlier in this tab is back" })).toBeVisible();

  // The next caller's order starts from an empty form, not the refused one (whose key belongs to that link).
  await page.getByRole("button", { name: "Start a new payment link" }).click();
  await expect(line.getByLabel("Item")).toHaveValue("");
  await expect(line.getByLabel("Item")).toBeFocused();
  await expect(page.getByLabel("Merchant reference")).toHaveValue("");
  await expect(emailField(page)).toHaveValue("");
  await expect(page.getByRole("button", { name: "Start a new payment link" })).toHaveCount(0);
  await page.reload();
  await expect(line.getByLabel("Item")).toHaveValue("");

  // The list does not claim the link was sent by email.
  await page.goto(`/sessions?q=${encodeURIComponent(reference)}`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference }) });
  await expect(row.getByRole("cell", { name: "Email (not sent)" })).toBeVisible();
});

test("send another way: after a refused email, a corrected email is sent", async ({ page, request }, testInfo) => {
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Gift card", quantity: "1", unitPrice: "250" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "refused-another"));
  await page.getByRole("radio", { name: "Copy link" }).check();
  const { link } = await createAndOpen(page);

  await page.getByRole("button", { name: "Send another way" }).click();
  const form = page.getByRole("form", { name: "Send another way" });
  await form.getByRole("radio", { name: "Email" }).check();
  const email = emailField(form);
  await email.fill("blocked@example.com");
  await form.getByRole("button", { name: "Send", exact: true }).click();
  await expect(form.getByRole("alert")).toContainText(REFUSED);
  await expect(email).toHaveAccessibleDescription(REFUSED);
  await expect(email).toHaveValue("blocked@example.com");

  await email.fill("anna.corrected@example.com");
  await form.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent by email." })).toBeVisible();
  await expect
    .poll(async () => (await outboxFor(request, link)).map((m) => [m.channel, m.recipient]), { timeout: 10_000 })
    .toEqual([["email", "anna.corrected@example.com"]]);
});
