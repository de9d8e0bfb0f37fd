import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isThrottled, THROTTLE_MAX_FAILURES, THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { createPgliteDatabase, type TestDatabase } from "../support/database";

describe("password hashing", () => {
  it("produces argon2id hashes that verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("treats a malformed stored hash as a mismatch rather than crashing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("sign-in checks against the database", () => {
  let t: TestDatabase;
  let storeId: string;

  beforeAll(async () => {
    t = await createPgliteDatabase();
    const store = await t.db.store.create({
      data: { name: "S", country: "SE", currency: "SEK", locale: "sv-SE", provider: "KUSTOM", standardTaxRate: 2500 },
    });
    storeId = store.id;
    const passwordHash = await hashPassword("demo-password-1");
    await t.db.user.createMany({
      data: [
        { email: "agent@x.test", name: "Agent", role: "AGENT", storeId, passwordHash },
        { email: "gone@x.test", name: "Gone", role: "AGENT", storeId, passwordHash, disabled: true },
        { email: "victim@x.test", name: "Victim", role: "AGENT", storeId, passwordHash },
      ],
    });
  });
  afterAll(() => t.drop());

  it("accepts the right password, case-insensitive email, and returns role and store", async () => {
    const result = await checkCredentials(t.db, "  Agent@X.test ", "demo-password-1");
    expect(result).toMatchObject({ ok: true, user: { email: "agent@x.test", role: "AGENT", storeId } });
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled account", async () => {
    const answers = await Promise.all([
      checkCredentials(t.db, "agent@x.test", "wrong"),
      checkCredentials(t.db, "nobody@x.test", "demo-password-1"),
      checkCredentials(t.db, "gone@x.test", "demo-password-1"),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "INVALID" },
      { ok: false, reason: "INVALID" },
      { ok: false, reason: "INVALID" },
    ]);
  });

  it("throttles an account after repeated failures, even for the right password, and records attempts", async () => {
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect(await checkCredentials(t.db, "victim@x.test", "guess")).toEqual({ ok: false, reason: "INVALID" });
    }
    expect(await checkCredentials(t.db, "victim@x.test", "demo-password-1")).toEqual({ ok: false, reason: "THROTTLED" });
    expect(await t.db.loginAttempt.count({ where: { email: "victim@x.test", succeeded: false } })).toBe(THROTTLE_MAX_FAILURES);
    // Another account is unaffected.
    expect((await checkCredentials(t.db, "agent@x.test", "demo-password-1")).ok).toBe(true);
  });

  it("lifts the throttle once the window has passed", async () => {
    const later = new Date(Date.now() + THROTTLE_WINDOW_MS + 1000);
    expect(await isThrottled(t.db, "victim@x.test")).toBe(true);
    expect(await isThrottled(t.db, "victim@x.test", later)).toBe(false);
  });

  it("a success resets the failure count", async () => {
    for (let i = 0; i < THROTTLE_MAX_FAILURES - 1; i++) await checkCredentials(t.db, "agent@x.test", "nope");
    expect((await checkCredentials(t.db, "agent@x.test", "demo-password-1")).ok).toBe(true);
    await checkCredentials(t.db, "agent@x.test", "nope");
    expect(await isThrottled(t.db, "agent@x.test")).toBe(false);
  });
});
