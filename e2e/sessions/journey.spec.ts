import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, fillLine, openNewPaymentLink, outboxFor, phoneField, statusBadge, trackPageErrors, uniqueReference } from "./helpers";

test("an agent sends a link by SMS, the customer pays, and the status turns Completed without a reload", async ({ page, browser, request }, testInfo) => {
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await step();
    } finally {
      timings[name] = Date.now() - start;
    }
  };
  const reference = uniqueReference(testInfo, "journey");
  const errors = trackPageErrors(page);

  await time("signIn", () => signIn(page, ACCOUNTS.agent));
  await time("openForm", () => openNewPaymentLink(page));

  await time("fillForm", async () => {
    await fillLine(page, 0, { item: "Desk lamp", quantity: "2", unitPrice: "349,50" });
    await expect(page.getByRole("group", { name: "Line 1" }).getByLabel("Tax rate (%)")).toHaveValue("25");
    await expect(page.getByRole("status", { name: "Order total" })).toHaveText(/699,00\s*kr/);
    await page.getByLabel("Merchant reference").fill(reference);

    // The inline error appears on leaving the field, before any submit.
    const phone = phoneField(page);
    await phone.fill("0701");
    await phone.press("Tab");
    await expect(phone).toHaveAttribute("aria-invalid", "true");
    await expect(phone).toHaveAccessibleDescription(/too short/);
    await expect(page).toHaveURL(/\/sessions\/new$/);

    await phone.fill("070-123 45 67");
    await expect(phone).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("+46 70 123 45 67", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Phone country")).toHaveValue("SE");

    await page.getByRole("radio", { name: "SMS" }).check();
  });

  const { link } = await time("createLink", () => createAndOpen(page));
  const badge = statusBadge(page);
  await expect(badge).toHaveText("Waiting");
  await expect(page.getByRole("heading", { name: reference })).toBeVisible();

  const sms = await time("smsInOutbox", async () => {
    await expect.poll(async () => (await outboxFor(request, link)).length, { timeout: 10_000 }).toBe(1);
    return (await outboxFor(request, link))[0];
  });
  expect(sms).toMatchObject({ channel: "sms", recipient: "+46701234567" });

  // The customer is someone else on another device: a fresh context without the agent's sign-in.
  const customerContext = await browser.newContext();
  expect(await customerContext.cookies()).toEqual([]);
  const customer = await customerContext.newPage();
  await time("customerPays", async () => {
    await customer.goto(sms!.link);
    await expect(customer.getByText(/699,00/).first()).toBeVisible();
    await customer.getByRole("button", { name: "Pay" }).click();
  });

  await time("completedShown", () => expect(badge).toHaveText("Completed", { timeout: 10_000 }));
  await customerContext.close();
  expect(await outboxFor(request, link)).toHaveLength(1);
  expect(errors).toEqual([]);

  console.log(`[journey timings ms] ${JSON.stringify(timings)}`);
  await testInfo.attach("timings.json", { body: JSON.stringify(timings, null, 2), contentType: "application/json" });
});
