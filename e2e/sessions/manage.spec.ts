import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, emailField, fillLine, linkField, openNewPaymentLink, outboxFor, phoneField, statusBadge, uniqueReference } from "./helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
});

test("send another way: a link sent by SMS is also emailed, still one session with one link", async ({ page, request }, testInfo) => {
  const reference = uniqueReference(testInfo, "another");
  await fillLine(page, 0, { item: "Desk", quantity: "1", unitPrice: "2 499" });
  await page.getByLabel("Merchant reference").fill(reference);
  await phoneField(page).fill("070-123 45 68");
  await page.getByRole("radio", { name: "SMS" }).check();
  const { link } = await createAndOpen(page);
  await expect.poll(async () => (await outboxFor(request, link)).length, { timeout: 10_000 }).toBe(1);

  await page.getByRole("button", { name: "Send another way" }).click();
  const form = page.getByRole("form", { name: "Send another way" });
  await form.getByRole("radio", { name: "Email" }).check();
  await emailField(form).fill("anna.another@example.com");
  await form.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent by email." })).toBeVisible();
  await expect(form).toHaveCount(0);

  await expect
    .poll(async () => (await outboxFor(request, link)).map((m) => m.channel).sort(), { timeout: 10_000 })
    .toEqual(["email", "sms"]);
  await expect(linkField(page)).toHaveValue(link);

  const sent = page.getByRole("region", { name: "Sent", exact: true });
  await expect(sent.getByRole("listitem")).toHaveCount(2);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem").filter({ hasText: /SMS/ })).not.toHaveCount(0);
  await expect(history.getByRole("listitem").filter({ hasText: /email/i })).not.toHaveCount(0);

  await page.goto(`/sessions?q=${encodeURIComponent(reference)}`);
  await expect(page.getByRole("link", { name: reference })).toHaveCount(1);
});

test("disable: after confirming, the status is Disabled and Resend is blocked with the reason", async ({ page }, testInfo) => {
  await fillLine(page, 0, { item: "Lamp shade", quantity: "1", unitPrice: "199" });
  await page.getByLabel("Merchant reference").fill(uniqueReference(testInfo, "disable"));
  await page.getByRole("radio", { name: "Copy link" }).check();
  const { sessionId } = await createAndOpen(page);
  await expect(statusBadge(page)).toHaveText("Waiting");

  const disableLink = page.getByRole("button", { name: "Disable link" });
  await disableLink.click();
  const dialog = page.getByRole("dialog", { name: "Disable payment link" });
  await expect(dialog).toContainText("Disable this payment link? The customer will no longer be able to pay with it.");
  await dialog.getByRole("button", { name: "Keep link" }).click();
  await expect(dialog).toBeHidden();
  await expect(statusBadge(page)).toHaveText("Waiting");

  // Keyboard only: the dialog opens on Enter with the safe choice focused, Escape closes it.
  await disableLink.focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Keep link" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disableLink).toBeFocused();

  await page.getByRole("button", { name: "Disable link" }).click();
  await dialog.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(statusBadge(page)).toHaveText("Disabled");
  await expect(dialog).toBeHidden();

  const resend = page.getByRole("button", { name: "Resend" });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveAccessibleDescription(/\S/);
  await expect(page.getByRole("button", { name: "Send another way" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Disable link" })).toBeDisabled();
  // A dead link's QR code is not offered for the customer to scan.
  await expect(page.getByRole("button", { name: "Show QR code" })).toHaveCount(0);
  await expect(page.getByRole("img", { name: "QR code for the payment link" })).toHaveCount(0);

  // A final status stops the polling. The refresh after the action may still be on its way: let one
  // interval pass before counting. (Other links paid meanwhile, by tests running beside this one, no
  // longer refetch this page: an alert refreshes only the link it is about.)
  await page.waitForTimeout(2_500);
  let polls = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/sessions/${sessionId}`) polls += 1;
  });
  await page.waitForTimeout(4_500);
  expect(polls).toBe(0);
});
