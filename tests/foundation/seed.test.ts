import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteDatabase, type TestDatabase } from "../support/database";
import { cleanEnv, ROOT, run, TSX, type Env } from "./processes";

/** `npm run db:seed [-- --if-empty]` without npm. */
function dbSeed(env: Env, ...args: string[]) {
  return run(TSX, [path.join(ROOT, "prisma", "with-db.ts"), TSX, "--conditions=react-server", path.join(ROOT, "prisma", "seed.ts"), ...args], { env: cleanEnv(env) });
}

describe("npm run db:seed", { timeout: 60_000 }, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createPgliteDatabase();
  });
  afterAll(() => t.drop());

  it("refuses with NODE_ENV=production and creates no accounts", async () => {
    const result = await dbSeed({ DATABASE_URL: t.url, NODE_ENV: "production" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Refusing to seed demo accounts with NODE_ENV=production/);
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.store.count()).toBe(0);
  });

  it("creates the two stores and four demo accounts in development, and --if-empty then skips", async () => {
    const result = await dbSeed({ DATABASE_URL: t.url });
    expect(result.code, result.stderr).toBe(0);
    const users = await t.db.user.findMany({ select: { email: true, role: true, store: { select: { name: true } } }, orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.role, u.store?.name ?? null])).toEqual([
      ["admin@demo.test", "ADMIN", null],
      ["agent.berlin@demo.test", "AGENT", "Berlin"],
      ["agent.stockholm@demo.test", "AGENT", "Stockholm"],
      ["manager.stockholm@demo.test", "MANAGER", "Stockholm"],
    ]);
    const again = await dbSeed({ DATABASE_URL: t.url }, "--if-empty");
    expect(again.stdout).toContain("seed skipped");
  });
});
