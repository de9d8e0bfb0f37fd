import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";
import { createAndOpen, emailField, fillLine, openNewPaymentLink, phoneField, trackPageErrors, uniqueReference } from "./helpers";

test("sessions list: search and status filters live in the URL, customers are masked, rows open the session", async ({ page }, testInfo) => {
  const errors = trackPageErrors(page);
  const reference = uniqueReference(testInfo, "list");
  await signIn(page, ACCOUNTS.agent);
  await openNewPaymentLink(page);
  await fillLine(page, 0, { item: "Bookshelf", quantity: "1", unitPrice: "1 495,00" });
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByLabel("Customer name").fill("Anna Andersson");
  await phoneField(page).fill("070-123 45 69");
  await emailField(page).fill("anna.list@example.com");
  await page.getByRole("radio", { name: "Email" }).check();
  const { sessionId } = await createAndOpen(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Store" })).toHaveCount(0);

  await page.getByRole("searchbox", { name: "Search" }).fill(reference);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${reference}`));
  const rows = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference }) });
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  const row = rows.first();
  await expect(row).toContainText("1 495,00");
  await expect(row).toContainText("Anna Andersson");
  // Only the chosen channel's contact is kept with a link: the phone typed alongside is not.
  await expect(row).not.toContainText("+46 70");
  await expect(row).toContainText("a•••@example.com");
  await expect(row).not.toContainText("anna.list@example.com");
  await expect(row).toContainText("Email");
  await expect(row).toContainText("Waiting");
  await expect(row).toContainText("Axel Agent");

  await page.getByLabel("Status").selectOption("open");
  await expect(page).toHaveURL(/[?&]status=open/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${reference}`));
  await expect(rows).toHaveCount(1);

  await page.getByLabel("Status").selectOption("COMPLETED");
  await expect(page).toHaveURL(/[?&]status=COMPLETED/);
  await expect(page.getByText("No payment links match these filters.")).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/[?&]status=open/);
  await expect(page.getByLabel("Status")).toHaveValue("open");
  await page.getByRole("link", { name: reference }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(page.getByRole("heading", { name: reference })).toBeVisible();

  // A hard load of each screen hydrates without mismatches.
  await page.reload();
  await page.goto(`/sessions?q=${encodeURIComponent(reference)}`);
  await expect(rows).toHaveCount(1);
  await page.goto("/sessions/new");
  await expect(page.getByLabel("Phone country")).toHaveValue("SE");
  expect(errors).toEqual([]);
});

test("an unknown session id shows the not-found page", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/sessions/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Payment link not found" })).toBeVisible();
});

test("an admin picks a store before creating a link, and sees the Store column", async ({ page }, testInfo) => {
  const reference = uniqueReference(testInfo, "admin");
  await signIn(page, ACCOUNTS.admin);
  await openNewPaymentLink(page);
  await expect(page.getByRole("button", { name: "Create payment link" })).toHaveCount(0);
  await page.getByRole("link", { name: /^Stockholm/ }).click();
  await expect(page.getByText("For the Stockholm store, in SEK.")).toBeVisible();
  await fillLine(page, 0, { item: "Rug", quantity: "1", unitPrice: "990" });
  await page.getByLabel("Merchant reference").fill(reference);
  await page.getByRole("radio", { name: "Copy link" }).check();
  await createAndOpen(page);
  await expect(page.getByText("Payment link · Stockholm")).toBeVisible();

  await page.goto(`/sessions?q=${encodeURIComponent(reference)}`);
  await expect(page.getByRole("columnheader", { name: "Store" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: reference })).toContainText("Stockholm");
});
