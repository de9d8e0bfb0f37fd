import { expect, test, type Browser, type Page } from "@playwright/test";
import { countKeystrokes, PHONE_ORDER_AMOUNT_ONLY } from "../../bench/keystrokes";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, linkField, openNewPaymentLink, outboxFor, phoneField, statusBadge, uniqueReference } from "./helpers";

/** The customer, on their own device, opens the link and presses a button on the payment page. */
async function customerOpens(browser: Browser, link: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  return { page, close: () => context.close() };
}

async function amountOnlyLink(page: Page, reference: string, amount: string, channel: string) {
  await openNewPaymentLink(page);
  await page.getByRole("radio", { name: "Amount only" }).check();
  await page.getByRole("textbox", { name: /^Amount/ }).fill(amount);
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByRole("radio", { name: channel }).check();
}

test("an agent on New payment link sees a toast within 10 s when the customer pays a link they sent earlier", async ({ page, browser }, testInfo) => {
  const reference = uniqueReference(testInfo, "toast");
  await signIn(page, ACCOUNTS.agent);
  await amountOnlyLink(page, reference, "120", "Copy link");
  const { link } = await createAndOpen(page);
  // The agent moves on to the next customer.
  await openNewPaymentLink(page);

  const customer = await customerOpens(browser, link);
  await customer.page.getByRole("button", { name: "Pay" }).click();
  const toast = page.getByRole("status").filter({ hasText: `Paid: ${reference}` });
  await expect(toast).toBeVisible({ timeout: 10_000 });
  await expect(page).toHaveTitle(new RegExp(`Paid: ${reference}`));
  await expect(page.getByRole("heading", { name: "New payment link" })).toBeVisible();
  await toast.getByRole("link", { name: "Open payment link" }).click();
  await expect(statusBadge(page)).toHaveText("Completed");
  await customer.close();
});

test("the call companion moves Sent → Opened → Paid with the line to say at each stage", async ({ page, browser, request }, testInfo) => {
  await signIn(page, ACCOUNTS.agent);
  await amountOnlyLink(page, uniqueReference(testInfo, "companion"), "450", "SMS");
  await phoneField(page).fill("0701234567");
  const { link } = await createAndOpen(page);
  const stage = page.getByTestId("companion-stage");
  const say = page.getByRole("figure").filter({ hasText: "Say to the customer" });
  await expect(stage).toHaveText("Sent");
  await expect(say).toContainText("I've just sent you a text from Stockholm with a payment link; it should arrive within a minute.");
  await expect(page.getByText(/^Sent \d+ s ago$/)).toBeVisible();
  // On a live link the loudest control is Resend, not Disable link.
  await expect(page.getByRole("button", { name: "Resend" })).toHaveClass(/bg-brand-600/);
  await expect(page.getByRole("button", { name: "Disable link" })).not.toHaveClass(/bg-red-600/);

  const [sms] = await outboxFor(request, link);
  const customer = await customerOpens(browser, sms!.link);
  await expect(stage).toHaveText("Opened", { timeout: 10_000 });
  await expect(say).toContainText("I can see you've opened the payment page from a text; take your time.");
  await expect(page.getByRole("list", { name: "Payment progress" }).getByRole("listitem").filter({ hasText: "Opened" })).toHaveAttribute("aria-current", "step");

  await customer.page.getByRole("button", { name: "Pay" }).click();
  await expect(stage).toHaveText("Paid", { timeout: 10_000 });
  await expect(say).toContainText("Thank you, the payment to Stockholm has come through.");
  await expect(page.getByText(/^Paid \d/)).toBeVisible();
  await customer.close();
});

test("an amount-only link is created with the keyboard alone, and the choice is remembered", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  // First time: focus is on the first order line; the agent switches to Amount only with the keyboard.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("group", { name: "Line 1" }).getByLabel("Item")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Amount only" })).toBeChecked();
  await page.goto("/dashboard");

  // From now on: the remembered choice, a one-line phone order in under 30 keystrokes.
  const play = async (keys: typeof PHONE_ORDER_AMOUNT_ONLY) => {
    for (const key of keys) await ("press" in key ? page.keyboard.press(key.press) : page.keyboard.type(key.type));
  };
  await play(PHONE_ORDER_AMOUNT_ONLY.slice(0, 4));
  await expect(page.getByRole("heading", { name: "New payment link" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Amount only" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: /^Amount/ })).toBeFocused();
  await play(PHONE_ORDER_AMOUNT_ONLY.slice(4));
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByTestId("companion-stage")).toHaveText("Sent");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("450,00 kr").first()).toBeVisible();
  expect(countKeystrokes(PHONE_ORDER_AMOUNT_ONLY)).toBeLessThan(30);
});

test("a Berlin link the customer pays reads Paid, unconfirmed, and the return page says only what is true", async ({ page, browser }, testInfo) => {
  const reference = uniqueReference(testInfo, "berlin-paid");
  await signIn(page, ACCOUNTS.berlinAgent);
  await amountOnlyLink(page, reference, "79,90", "Copy link");
  const { link } = await createAndOpen(page);
  await expect(page.getByTestId("companion-stage")).toHaveText("Sent");

  const customer = await customerOpens(browser, link);
  await customer.page.getByRole("button", { name: "Pay" }).click();
  await expect(customer.page.getByRole("heading", { name: "Thank you — you're back from the payment page" })).toBeVisible();
  await expect(customer.page.getByText("The shop will confirm your payment once they have checked it with the payment provider.")).toBeVisible();
  await expect(customer.page.getByText("The shop has been told")).toHaveCount(0);

  await expect(page.getByTestId("companion-stage")).toHaveText("Paid, unconfirmed", { timeout: 10_000 });
  await expect(statusBadge(page)).toHaveText("Paid, unconfirmed");
  await expect(page.getByText("Customer returned: paid (not confirmed by the provider)")).toBeVisible();
  await expect(page.getByText("Completed")).toHaveCount(0);
  // An agent cannot confirm it; a manager or admin checks with the provider.
  await expect(page.getByRole("button", { name: "Confirmed paid" })).toHaveCount(0);
  await customer.close();

  const admin = await browser.newPage();
  await signIn(admin, ACCOUNTS.admin);
  await admin.goto(page.url());
  await admin.getByRole("button", { name: "Confirmed paid" }).click();
  await expect(statusBadge(admin)).toHaveText("Completed");
  await expect(admin.getByText("Marked Confirmed paid after checking with the provider")).toBeVisible();
  await admin.close();
  expect(await linkField(page).inputValue()).toBe(link);
});
