import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { emailField, fillLine, openNewPaymentLink, outboxFor, phoneField, submitRefused, uniqueReference } from "./helpers";

// The sandbox refuses this number and this address (see sandbox/README.md).
const REFUSED_PHONE = "070-000 00 00";
const REFUSED_EMAIL = "blocked@example.com";

test("a refused SMS, then the same form by email: the email link stores no phone, and Send another way is offered", async ({ page, request }, testInfo) => {
  const reference = uniqueReference(testInfo, "refused-sms");
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Desk lamp", quantity: "1", unitPrice: "349" });
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByLabel("Customer name").fill("Anna Andersson");
  await page.getByRole("radio", { name: "SMS" }).check();
  await phoneField(page).fill(REFUSED_PHONE);
  await submitRefused(page);

  // The failure is seen: the summary takes focus and links to the field it is about.
  const summary = page.locator("#form-failure");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  const fieldLink = summary.getByRole("link").first();
  await expect(fieldLink).toBeVisible();
  await fieldLink.click();
  await expect(phoneField(page)).toBeFocused();

  // The agent switches to email; the refused phone is still typed in the form.
  await page.getByRole("radio", { name: "Email" }).check();
  const email = `${reference.toLowerCase()}@example.com`;
  await emailField(page).fill(email);
  await page.getByRole("button", { name: "Create payment link" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: 20_000 });

  const customer = page.locator("dt", { hasText: "Customer" }).locator("xpath=following-sibling::dd[1]");
  await expect(customer).toContainText("Anna Andersson");
  await expect(customer).toContainText(`${email[0]}•••@example.com`);
  await expect(customer).not.toContainText("+46");
  const link = await page.getByRole("textbox", { name: "Payment link" }).inputValue();
  await expect.poll(async () => (await outboxFor(request, link)).map((m) => [m.channel, m.recipient]), { timeout: 10_000 }).toEqual([
    ["email", email],
  ]);
});

test("a link whose only send was refused can still be sent another way", async ({ page, request }, testInfo) => {
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Gift card", quantity: "1", unitPrice: "250" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "dead-end"));
  await page.getByRole("radio", { name: "Email" }).check();
  await emailField(page).fill(REFUSED_EMAIL);
  await submitRefused(page);
  await page.getByRole("link", { name: "View the payment link" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);

  // The page says to use Send another way — so that button works.
  await expect(page.getByText("Nothing has been sent successfully yet. Use Send another way.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Resend" })).toBeDisabled();
  await page.getByRole("button", { name: "Send another way" }).click();
  const form = page.getByRole("form", { name: "Send another way" });
  await form.getByRole("radio", { name: "Email" }).check();
  await emailField(form).fill("gift.buyer@example.com");
  await form.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent by email." })).toBeVisible();
  const link = await page.getByRole("textbox", { name: "Payment link" }).inputValue();
  await expect.poll(async () => (await outboxFor(request, link)).map((m) => m.recipient), { timeout: 10_000 }).toEqual(["gift.buyer@example.com"]);
});

test("New payment link in the navigation always starts a clean form, even on the form itself", async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Desk lamp", quantity: "1", unitPrice: "349" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "clean"));
  await page.getByRole("radio", { name: "Email" }).check();
  await emailField(page).fill(REFUSED_EMAIL);
  await submitRefused(page);
  await expect(page.locator("#form-failure")).toBeFocused();

  await openNewPaymentLink(page);
  const line = page.getByRole("group", { name: "Line 1" });
  await expect(line.getByLabel("Item")).toHaveValue("");
  await expect(emailField(page)).toHaveValue("");
  await expect(page.locator("#form-failure")).toHaveCount(0);

  // From another page too: the tab's draft is gone, nothing is put back.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await openNewPaymentLink(page);
  await expect(line.getByLabel("Item")).toHaveValue("");
  await expect(page.getByText("What you typed earlier in this tab is back")).toHaveCount(0);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the create form says it needs JavaScript, and a submit puts nothing typed in a URL and sends nothing", async ({ page }, testInfo) => {
    const reference = uniqueReference(testInfo, "nojs");
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await signIn(page, ACCOUNTS.agent);
    await page.goto("/sessions/new");
    // Playwright's text and role locators skip <noscript>; what the page shows is its rendered text.
    const shown = () => page.locator("main").innerText();
    expect(await shown()).toContain("Creating a payment link needs JavaScript.");
    await fillLine(page, 0, { item: "Desk lamp", quantity: "1", unitPrice: "349" });
    await page.getByLabel("Merchant reference").fill(reference);
    await emailField(page).fill("anna.nojs@example.com");
    await page.getByRole("button", { name: "Create payment link" }).click();
    await expect(page).toHaveURL(/\/sessions\/new$/);
    expect(await shown()).toContain("Creating a payment link needs JavaScript.");
    expect(requests.filter((url) => url.includes("anna.nojs") || url.includes(reference))).toEqual([]);
    await page.goto(`/sessions?q=${reference}`);
    await expect(page.getByText("No payment links match these filters.")).toBeVisible();
  });
});
