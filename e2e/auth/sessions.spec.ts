import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "../support/auth";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in posts the form, shows the same generic error, and never requests a URL containing the password", async ({ page }) => {
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    await page.goto("/login");
    await expect(page.locator("form:has(input[name=password])")).toHaveAttribute("method", /^post$/i);
    await page.getByLabel("Email").fill(ACCOUNTS.agent);
    await page.getByLabel("Password").fill("not-the-password-xyz");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(urls.filter((url) => url.includes("not-the-password-xyz") || url.includes(DEMO_PASSWORD) || url.includes("password="))).toEqual([]);
  });
});

test("sign-out ends the session on the server: a copied cookie is refused afterwards", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.berlinAgent);
  const copy = await browser.newContext();
  await copy.addCookies(await page.context().cookies());
  const thief = await copy.newPage();
  await thief.goto("/dashboard");
  await expect(thief.getByTestId("user-name")).toHaveText("Bettina Agent");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await thief.goto("/dashboard");
  await expect(thief).toHaveURL(/\/login/);
  await copy.close();
});

test("the session cookie is Secure and __Host- prefixed, and production pages carry CSP, HSTS and Permissions-Policy", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(headers["permissions-policy"]).toContain("camera=()");
  await signIn(page, ACCOUNTS.agent);
  const session = (await page.context().cookies()).find((c) => c.name.includes("session"));
  expect(session).toMatchObject({ name: "__Host-portal.session", secure: true, httpOnly: true, path: "/" });
});

test("a cross-site post is refused with 403, not 500", async ({ request }) => {
  const response = await request.post("/login", { headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, data: "email=a&password=b" });
  expect(response.status()).toBe(403);
  const sameSite = await request.post("/login", { headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" }, data: "email=a&password=b" });
  expect(sameSite.status()).toBe(403);
});

test("the 403 page has one main landmark, the layout's", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
});

test("Account: change password, then sign out of all devices ends every session", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.manager);
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await signIn(elsewhere, ACCOUNTS.manager);
  await page.getByTestId("user-name").click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("qwerty123456");
  await page.getByLabel("Confirm new password").fill("qwerty123456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This password is too common")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(page).toHaveURL(/\/login/);
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login/);
  await other.close();
});
