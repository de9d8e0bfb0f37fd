import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-1";
export const ACCOUNTS = {
  admin: "admin@demo.test",
  manager: "manager.stockholm@demo.test",
  agent: "agent.stockholm@demo.test",
  berlinAgent: "agent.berlin@demo.test",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Hashing the password takes a moment on a busy machine.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
}
