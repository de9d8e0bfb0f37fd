import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/auth";

const NEW_PASSWORD = "a quiet orange bicycle";

test("an admin adds an agent, the agent sets a password through the link and signs in; disabled, their next click lands on /login", async ({ page, browser }) => {
  // Two people, six pages and three password hashes.
  test.setTimeout(180_000);
  const email = `new.agent.${Date.now()}@demo.test`;
  await signIn(page, ACCOUNTS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Add staff member" }).click();
  await page.getByLabel("Name").fill("Nora New");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("AGENT");
  await page.getByLabel("Store").selectOption({ label: "Stockholm" });
  await page.getByRole("button", { name: "Create account" }).click();
  const linkField = page.getByRole("textbox", { name: "One-time set-password link" });
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(link);
  await agent.getByLabel("New password").fill(NEW_PASSWORD);
  await agent.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await agent.getByRole("button", { name: "Set password" }).click();
  await expect(agent.getByText("Your password is set")).toBeVisible();
  await signIn(agent, email, NEW_PASSWORD);
  await expect(agent.getByTestId("user-name")).toHaveText("Nora New");

  // The link worked once.
  await agent.goto(link);
  await expect(agent.getByRole("main").getByRole("alert")).toContainText("already been used");
  await agent.goto("/dashboard");

  await page.goto("/admin");
  const row = page.getByRole("region", { name: "Staff" }).getByRole("row", { name: /Nora New/ });
  await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
  await row.getByRole("button", { name: "Disable Nora New" }).click();
  await row.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(row.getByRole("cell", { name: "Disabled" })).toBeVisible();

  await agent.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(agent).toHaveURL(/\/login/);
  await agentContext.close();

  const audit = page.getByRole("region", { name: "Audit log" });
  await page.reload();
  await expect(audit.getByRole("row", { name: /Ada Admin Disabled Nora New/ })).toBeVisible();
  await expect(audit.getByRole("row", { name: /Ada Admin Added staff member Nora New/ })).toBeVisible();
});

test("a manager sees only their store's agents under Staff and may not edit", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
  const staff = page.getByRole("region", { name: "Staff" });
  await expect(staff.getByRole("rowheader", { name: "Axel Agent" })).toBeVisible();
  await expect(staff.getByRole("rowheader", { name: "Bettina Agent" })).toHaveCount(0);
  await expect(staff.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Stores" })).toHaveCount(0);
});

test("an admin adds a store and edits it", async ({ page }) => {
  const name = `Malmö ${Date.now()}`;
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/stores/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Country (ISO code)").fill("SE");
  await page.getByLabel("Currency (ISO code)").fill("SEK");
  await page.getByLabel("Locale").fill("sv-SE");
  await page.getByLabel("Time zone").fill("Mars/Base");
  await page.getByLabel("HPP provider").selectOption("KUSTOM");
  await page.getByLabel("Default tax rate (%)").fill("25");
  await page.getByRole("button", { name: "Add store" }).click();
  await expect(page.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Time zone").fill("Europe/Stockholm");
  await page.getByRole("button", { name: "Add store" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const stores = page.getByRole("region", { name: "Stores" });
  await stores.getByRole("link", { name: `Edit ${name}` }).click();
  await page.getByLabel("Default tax rate (%)").fill("12");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("region", { name: "Stores" }).getByRole("row", { name: new RegExp(name) })).toContainText("12 %");
  // Stockholm has payment links from the other specs or none yet: Delete is only offered to an unused store.
  await expect(stores.getByRole("button", { name: "Delete Stockholm" })).toHaveCount(0);
});
