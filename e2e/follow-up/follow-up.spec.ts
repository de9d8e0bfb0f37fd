import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { E2E_SANDBOX_URL } from "../support/ports";
import { createAndOpen, fillLine, type OutboxMessage, openNewPaymentLink, outboxFor, phoneField, statusBadge, uniqueReference } from "../sessions/helpers";

/** A phone number no other spec uses, so this test's duplicate guard and outbox are its own. */
function uniquePhone(testInfo: { workerIndex: number; title: string }): string {
  const hash = Math.abs([...testInfo.title].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) % 100_000;
  return `070-3${testInfo.workerIndex % 10}${String(hash).padStart(5, "0")}`;
}

async function newLinkBySms(page: Page, reference: string, phone: string) {
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Floor lamp", quantity: "1", unitPrice: "1 290" });
  await page.getByLabel("Merchant reference").fill(reference);
  await phoneField(page).fill(phone);
  await page.getByRole("radio", { name: "SMS" }).check();
  return createAndOpen(page);
}

/** The customer presses a button on the sandbox's pay page. */
async function customerPresses(page: Page, link: string, button: "Cancel" | "Fail") {
  const customer = await page.context().newPage();
  await customer.goto(link);
  await customer.getByRole("button", { name: button }).click();
  await customer.close();
}

function followUpRow(page: Page, group: string, reference: string) {
  return page.getByRole("list", { name: group }).getByRole("listitem", { name: reference });
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
});

test("a customer who cancels on the pay page puts the link under Failed or cancelled; Dismiss takes it off with the reason in its history", async ({ page }, testInfo) => {
  const reference = uniqueReference(testInfo, "cancel");
  const { sessionId, link } = await newLinkBySms(page, reference, uniquePhone(testInfo));
  await customerPresses(page, link, "Cancel");
  await expect(statusBadge(page)).toContainText("Cancelled", { timeout: 15_000 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Follow-up/ }).click();
  await expect(page.getByRole("heading", { name: "Follow-up", level: 1 })).toBeVisible();
  await expect(page.getByTestId("follow-up-badge")).toBeVisible();
  const row = followUpRow(page, "Failed or cancelled", reference);
  await expect(row).toBeVisible();
  await expect(row).toContainText("+46 70 ••• •");

  await row.getByRole("button", { name: "Dismiss" }).click();
  await row.getByLabel("Reason").selectOption({ label: "Customer declined" });
  await row.getByRole("button", { name: "Dismiss link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${reference} was dismissed from follow-up.` })).toBeVisible();
  await expect(followUpRow(page, "Failed or cancelled", reference)).toHaveCount(0);

  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByRole("region", { name: "History" }).getByText("Dismissed from follow-up: Customer declined")).toBeVisible();
});

test("Clone and send delivers exactly one new SMS and the old link reads Disabled", async ({ page, request }, testInfo) => {
  const reference = uniqueReference(testInfo, "clone");
  const { sessionId, link } = await newLinkBySms(page, reference, uniquePhone(testInfo));
  await customerPresses(page, link, "Fail");
  await expect(statusBadge(page)).toContainText("Failed", { timeout: 15_000 });

  await page.goto("/follow-up");
  const row = followUpRow(page, "Failed or cancelled", reference);
  await row.getByRole("button", { name: "Clone and send" }).click();
  await row.getByLabel("Send the new link by").selectOption({ label: "SMS" });
  await row.getByRole("button", { name: "Clone and send" }).last().click();
  await expect(page.getByRole("status").filter({ hasText: `${reference} was re-issued as a new link, sent by SMS.` })).toBeVisible({ timeout: 20_000 });
  await expect(followUpRow(page, "Failed or cancelled", reference)).toHaveCount(0);

  await page.getByRole("link", { name: "Open the new link" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toContain(sessionId);
  const newLink = await page.getByRole("textbox", { name: "Payment link" }).inputValue();
  expect(newLink).not.toBe(link);
  await expect.poll(async () => (await outboxFor(request, newLink)).map((m) => m.channel), { timeout: 10_000 }).toEqual(["sms"]);
  await expect(page.getByRole("region", { name: "History" }).getByText(`Re-issue of ${reference} (Clone and send)`)).toBeVisible();

  await page.goto(`/sessions/${sessionId}`);
  await expect(statusBadge(page)).toContainText("Disabled");
  expect(await outboxFor(request, link)).toHaveLength(1);
});

test("a second link for the same phone gets the duplicate warning; Send the existing link again resends it and creates nothing", async ({ page, request }, testInfo) => {
  const reference = uniqueReference(testInfo, "dup");
  const phone = uniquePhone(testInfo);
  const { sessionId, link } = await newLinkBySms(page, reference, phone);
  await expect.poll(async () => (await outboxFor(request, link)).length, { timeout: 10_000 }).toBe(1);

  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Floor lamp", quantity: "1", unitPrice: "1 290" });
  // The same number, typed in the international format.
  await phoneField(page).fill(`+46 ${phone.slice(1)}`);
  const warning = page.getByRole("alert").filter({ hasText: "This customer already has an open payment link" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(reference);
  await expect(warning).toContainText("created by");

  await warning.getByRole("button", { name: "Send the existing link again" }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`), { timeout: 20_000 });
  await expect.poll(async () => (await outboxFor(request, link)).length, { timeout: 10_000 }).toBe(2);
  // Everything this customer was ever sent is the one link: no second link was created or sent.
  const { messages } = (await (await request.get(`${E2E_SANDBOX_URL}/sandbox/outbox`)).json()) as { messages: OutboxMessage[] };
  const toCustomer = messages.filter((m) => m.recipient === `+46${phone.slice(1).replace(/\D/g, "")}`);
  expect(toCustomer.map((m) => m.link)).toEqual([link, link]);
  await expect(page.getByRole("region", { name: "History" }).getByText(/^Resend requested/)).toBeVisible();
});
