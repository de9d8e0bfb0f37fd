import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "../support/auth";

const DEMO_ACCOUNTS = [
  { email: ACCOUNTS.admin, name: "Ada Admin", role: "Admin", store: "All stores" },
  { email: ACCOUNTS.manager, name: "Maja Manager", role: "Manager", store: "Stockholm" },
  { email: ACCOUNTS.agent, name: "Axel Agent", role: "Agent", store: "Stockholm" },
  { email: ACCOUNTS.berlinAgent, name: "Bettina Agent", role: "Agent", store: "Berlin" },
] as const;

for (const account of DEMO_ACCOUNTS) {
  test(`demo account ${account.email} signs in and sees ${account.role}, ${account.store}`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page.getByTestId("user-name")).toHaveText(account.name);
    await expect(page.getByTestId("user-role")).toHaveText(account.role);
    await expect(page.getByTestId("user-store")).toHaveText(account.store);
    const adminLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" });
    await expect(adminLink).toHaveCount(account.role === "Admin" ? 1 : 0);
  });
}

async function signInVia(page: Page, callbackUrl: string, email: string) {
  await page.goto(`/login?${new URLSearchParams({ callbackUrl })}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a callbackUrl that leaves the site is ignored after sign-in", async ({ page }) => {
  await signInVia(page, "/\\evil.example/phish", ACCOUNTS.agent);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
});

test("a same-site callbackUrl is where sign-in lands", async ({ page }) => {
  await signInVia(page, "/sessions?page=1", ACCOUNTS.manager);
  await expect(page).toHaveURL(/\/sessions\?page=1$/);
});

test("an agent signs in and lands in the portal shell of their store", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "New payment link" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Sessions" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expect(page.getByTestId("user-name")).toHaveText("Axel Agent");
  await expect(page.getByTestId("user-role")).toHaveText("Agent");
  await expect(page.getByTestId("user-store")).toHaveText("Stockholm");
});

test("a wrong password shows the error and stays on /login", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ACCOUNTS.manager);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login$/);
});

test("an agent opening /admin is refused", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Staff" })).toHaveCount(0);
});

test("an admin sees the Admin page with every store", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Staff" })).toBeVisible();
  const stores = page.getByRole("region", { name: "Stores" });
  await expect(stores.getByRole("cell", { name: "Stockholm", exact: true })).toBeVisible();
  await expect(stores.getByRole("cell", { name: "Berlin", exact: true })).toBeVisible();
  await expect(stores.getByRole("cell", { name: "Payment platform" })).toBeVisible();
  await expect(page.getByTestId("user-store")).toHaveText("All stores");
});

test("signing out returns to /login and the portal then requires signing in again", async ({ page }) => {
  await signIn(page, ACCOUNTS.berlinAgent);
  await expect(page.getByTestId("user-store")).toHaveText("Berlin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("signed-out visitors are sent to /login from portal pages, and return there after signing in", async ({ page }) => {
  await page.goto("/sessions?status=WAITING");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsessions%3Fstatus%3DWAITING$/);
  await page.getByLabel("Email").fill(ACCOUNTS.agent);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sessions\?status=WAITING$/);
});
