import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { E2E_SANDBOX_URL } from "../support/ports";
import { createAndOpen, fillLine, openNewPaymentLink, outboxFor, phoneField, trackPageErrors, uniqueReference } from "./helpers";

test("a reload after the provider failed keeps the draft and its key: the resubmit makes one link and one SMS", async ({ page, request }, testInfo) => {
  const errors = trackPageErrors(page);
  const reference = uniqueReference(testInfo, "draft");
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Reading lamp", quantity: "1", unitPrice: "249" });
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByLabel("Customer name").fill("Anna Andersson");
  // Its own number per attempt: a retry must not meet the first attempt's link in the duplicate guard.
  const lastDigits = 62 + testInfo.retry;
  await phoneField(page).fill(`070-123 45 ${lastDigits}`);
  await page.getByRole("radio", { name: "SMS" }).check();

  // Every attempt of the provider call fails: the agent is told it may still happen, not that it failed.
  // Scoped to this order's reference, so a spec running in parallel never takes the fault.
  const fault = await request.post(`${E2E_SANDBOX_URL}/sandbox/faults`, {
    data: { operation: "createOrderMerchant", fault: "503", count: 3, body_contains: reference },
  });
  expect(fault.ok()).toBe(true);
  await page.getByRole("button", { name: "Create payment link" }).click();
  // A 503 reads as what it is (unavailable), not as a timeout.
  await expect(page.getByText("The payment provider is unavailable right now. We'll keep trying")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("link", { name: "See the payment link's page" })).toHaveAttribute("href", /^\/sessions\/[0-9a-f-]{36}$/);
  // Every attempt took the fault: none is left over.
  expect((await (await request.get(`${E2E_SANDBOX_URL}/sandbox/faults`)).json()).faults).toEqual([]);
  await expect(page).toHaveURL(/\/sessions\/new$/);

  await page.reload();
  const line = page.getByRole("group", { name: "Line 1" });
  await expect(line.getByLabel("Item")).toHaveValue("Reading lamp");
  await expect(line.getByLabel("Unit price")).toHaveValue("249");
  await expect(page.getByLabel("Merchant reference")).toHaveValue(reference);
  await expect(page.getByLabel("Customer name")).toHaveValue("Anna Andersson");
  await expect(phoneField(page)).toHaveValue(`070-123 45 ${lastDigits}`);
  await expect(page.getByRole("radio", { name: "SMS" })).toBeChecked();

  const { link } = await createAndOpen(page);
  await expect(page.getByRole("heading", { name: reference })).toBeVisible();
  await expect.poll(async () => (await outboxFor(request, link)).length, { timeout: 10_000 }).toBe(1);
  expect((await outboxFor(request, link))[0]).toMatchObject({ channel: "sms", recipient: `+467012345${lastDigits}` });

  // One session for the reference, and the provider created exactly one.
  await page.goto(`/sessions?q=${encodeURIComponent(reference)}`);
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: reference }) })).toHaveCount(1);
  const calls = (await (await request.get(`${E2E_SANDBOX_URL}/sandbox/requests?operation=createOrderMerchant`)).json()) as {
    requests: { idempotency_key: string | null; status: number | null }[];
  };
  const created = calls.requests.filter((r) => r.status === 201);
  const keys = new Set(calls.requests.filter((r) => r.status === 503).map((r) => r.idempotency_key));
  expect(created.filter((r) => keys.has(r.idempotency_key))).toHaveLength(1);

  // Created: the next new payment link starts empty, with a new key.
  await page.goto("/sessions/new");
  await expect(page.getByLabel("Merchant reference")).toHaveValue("");
  expect(errors).toEqual([]);
});

test("signing out drops the draft: the next person in this tab does not see the last customer", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Reading lamp", quantity: "1", unitPrice: "249" });
  await page.getByLabel("Customer name").fill("Anna Andersson");
  await phoneField(page).fill("070-123 45 68");
  await page.reload();
  await expect(page.getByLabel("Customer name")).toHaveValue("Anna Andersson");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, ACCOUNTS.manager);
  await openNewPaymentLink(page);
  await expect(page.getByLabel("Customer name")).toHaveValue("");
  await expect(phoneField(page)).toHaveValue("");
  await expect(page.getByRole("group", { name: "Line 1" }).getByLabel("Item")).toHaveValue("");
});
