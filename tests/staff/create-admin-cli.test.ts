import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setPasswordWithLink } from "@/lib/staff/set-password-with-link";
import { checkCredentials } from "@/lib/auth/credentials";
import { createPgliteDatabase, type TestDatabase } from "../support/database";
import { cleanEnv, ROOT, run, TSX, type Env } from "../foundation/processes";

/** `npm run users:create-admin -- …` without npm. */
function createAdmin(env: Env, ...args: string[]) {
  return run(TSX, [path.join(ROOT, "prisma", "with-db.ts"), TSX, "--conditions=react-server", path.join(ROOT, "lib", "staff", "create-admin-cli.ts"), ...args], {
    env: cleanEnv({ DATABASE_POOL_SIZE: "1", PORTAL_PUBLIC_URL: "https://portal.example", ...env }),
  });
}

describe("npm run users:create-admin", { timeout: 60_000 }, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createPgliteDatabase();
  });
  afterAll(() => t.drop());

  it("creates an admin on DATABASE_URL and prints only the one-time set-password link", async () => {
    const result = await createAdmin({ DATABASE_URL: t.url }, "--email", "First.Admin@Example.com", "--name", "First Admin");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^https:\/\/portal\.example\/set-password\/[A-Za-z0-9_-]{43}\n$/);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "first.admin@example.com" } });
    expect(user).toMatchObject({ role: "ADMIN", storeId: null, disabled: false });
    expect(await t.db.auditEntry.findFirst({ where: { targetId: user.id } })).toMatchObject({ actorId: null, action: "user.created" });
    await setPasswordWithLink(t.db, result.stdout.trim().split("/").pop()!, "the first admin's passphrase");
    expect((await checkCredentials(t.db, "first.admin@example.com", "the first admin's passphrase")).ok).toBe(true);
  });

  it("refuses an email that already has an account, and bad arguments", async () => {
    const again = await createAdmin({ DATABASE_URL: t.url }, "--email", "first.admin@example.com", "--name", "Someone Else");
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(/already exists/);
    const bad = await createAdmin({ DATABASE_URL: t.url }, "--email", "not-an-email");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--email: Enter a valid email address/);
    expect(bad.stderr).toMatch(/--name: Enter a name/);
    expect(await t.db.user.count()).toBe(1);
  });
});
