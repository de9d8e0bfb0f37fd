import { expect, type APIRequestContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { E2E_SANDBOX_URL } from "../support/ports";

export type OutboxMessage = { id: string; channel: string; recipient: string; session_id: string; link: string; sent_at: string };

/** Unique per test and worker: the stack (database and sandbox) is shared by every test of the run. */
export function uniqueReference(testInfo: TestInfo, label: string): string {
  return `E2E-${label}-${testInfo.workerIndex}-${Date.now().toString(36)}`;
}

/** Messages the sandbox "sent" with this link, i.e. for this one payment link. */
export async function outboxFor(request: APIRequestContext, link: string): Promise<OutboxMessage[]> {
  const response = await request.get(`${E2E_SANDBOX_URL}/sandbox/outbox`);
  expect(response.ok()).toBe(true);
  const { messages } = (await response.json()) as { messages: OutboxMessage[] };
  return messages.filter((message) => message.link === link);
}

export type OrderLine = { item: string; quantity: string; unitPrice: string };

export async function openNewPaymentLink(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New payment link" }).click();
  await expect(page.getByRole("heading", { name: "New payment link" })).toBeVisible();
}

export async function fillLine(page: Page, index: number, line: OrderLine) {
  const group = page.getByRole("group", { name: `Line ${index + 1}` });
  await group.getByLabel("Item").fill(line.item);
  await group.getByLabel("Quantity").fill(line.quantity);
  await group.getByLabel("Unit price").fill(line.unitPrice);
}

export function phoneField(scope: Page | Locator): Locator {
  return scope.getByRole("textbox", { name: "Phone", exact: true });
}

export function emailField(scope: Page | Locator): Locator {
  return scope.getByRole("textbox", { name: "Email", exact: true });
}

export function statusBadge(page: Page): Locator {
  return page.getByRole("status", { name: /^Payment status:/ });
}

export function linkField(page: Page): Locator {
  return page.getByRole("textbox", { name: "Payment link" });
}

/**
 * Clicks Create payment link for an order the provider will refuse (the sandbox's blocked contacts):
 * specs share those contacts, so the duplicate guard may ask first, and this one is meant anyway.
 */
export async function submitRefused(page: Page) {
  await page.getByRole("button", { name: "Create payment link" }).click();
  const anyway = page.getByRole("button", { name: "Create a new link anyway" });
  const failure = page.locator("#form-failure");
  await expect(async () => {
    if (await failure.isVisible()) return;
    if (await anyway.isVisible()) await anyway.click();
    await expect(failure).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Clicks Create payment link and waits for the session page; returns the session id and the customer's link. */
export async function createAndOpen(page: Page): Promise<{ sessionId: string; link: string }> {
  await page.getByRole("button", { name: "Create payment link" }).click();
  // Specs share the demo customers: a second link for one of them is what the agent means here.
  const anyway = page.getByRole("button", { name: "Create a new link anyway" });
  await expect(async () => {
    if (await anyway.isVisible()) await anyway.click();
    await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const sessionId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const link = await linkField(page).inputValue();
  expect(link).toMatch(/^https?:\/\//);
  return { sessionId, link };
}

/** Collects uncaught errors and React's console errors (hydration mismatches included) for a final assertion. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    // The app has no favicon yet; that 404 is not this page's doing.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  return errors;
}

/**
 * Closes the paid-alert toasts. They stay until dismissed (an agent must not miss a payment), and
 * specs running in parallel pay the same demo agent's links, so a toast may cover what a spec clicks.
 */
export async function dismissAlerts(page: Page) {
  const alerts = page.getByRole("region", { name: "Payment alerts" }).getByRole("button", { name: "Dismiss" });
  while ((await alerts.count()) > 0) await alerts.first().click();
}
