import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { THROTTLE_ACCOUNT_CEILING, THROTTLE_MAX_FAILURES, THROTTLE_MAX_FAILURES_PER_ADDRESS, throttledBy } from "@/lib/auth/throttle";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";

const PASSWORD = "the owner's own passphrase";

describe.each(DATABASE_KINDS)("sign-in throttle per account and address ($kind)", ({ create }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await create();
    const passwordHash = await hashPassword(PASSWORD);
    await t.db.user.createMany({
      data: ["owner", "sprayed1", "sprayed2", "target"].map((name) => ({ email: `${name}@x.test`, name, role: "AGENT" as const, passwordHash })),
    });
  });
  afterAll(() => t.drop());

  it("30 wrong guesses from one address do not stop the owner signing in from another", async () => {
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await checkCredentials(t.db, "owner@x.test", `guess-${i}`, "203.0.113.9"));
    expect(answers.filter((a) => !a.ok && a.reason === "INVALID")).toHaveLength(THROTTLE_MAX_FAILURES);
    expect(answers.filter((a) => !a.ok && a.reason === "THROTTLED")).toHaveLength(30 - THROTTLE_MAX_FAILURES);
    // The guessing address is refused even with the right password…
    expect(await checkCredentials(t.db, "owner@x.test", PASSWORD, "203.0.113.9")).toEqual({ ok: false, reason: "THROTTLED" });
    // …the owner's is not.
    expect((await checkCredentials(t.db, "owner@x.test", PASSWORD, "198.51.100.7")).ok).toBe(true);
    // Refused guesses are not recorded, so they use up nothing of the account's ceiling.
    expect(await t.db.loginAttempt.count({ where: { email: "owner@x.test", succeeded: false } })).toBe(THROTTLE_MAX_FAILURES);
  });

  it("limits one address across many accounts", async () => {
    const address = "203.0.113.50";
    for (let i = 0; i < THROTTLE_MAX_FAILURES_PER_ADDRESS; i++) {
      await t.db.loginAttempt.create({ data: { email: `sprayed-${i}@x.test`, address, succeeded: false } });
    }
    expect(await checkCredentials(t.db, "sprayed1@x.test", PASSWORD, address)).toEqual({ ok: false, reason: "THROTTLED" });
    expect((await checkCredentials(t.db, "sprayed1@x.test", PASSWORD, "198.51.100.8")).ok).toBe(true);
  });

  it("keeps an overall ceiling per account against distributed guessing, which never shuts out an address the owner used", async () => {
    expect((await checkCredentials(t.db, "target@x.test", PASSWORD, "198.51.100.20")).ok).toBe(true);
    await t.db.loginAttempt.createMany({
      data: Array.from({ length: THROTTLE_ACCOUNT_CEILING }, (_, i) => ({ email: "target@x.test", address: `192.0.2.${i % 250}`, succeeded: false })),
    });
    expect(await throttledBy(t.db, "target@x.test", "203.0.113.200")).toBe("account");
    expect(await checkCredentials(t.db, "target@x.test", PASSWORD, "203.0.113.200")).toEqual({ ok: false, reason: "THROTTLED" });
    expect((await checkCredentials(t.db, "target@x.test", PASSWORD, "198.51.100.20")).ok).toBe(true);
  });

  it("logs failures and lockouts with a hashed account label and the address, never the email or password", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (let i = 0; i < THROTTLE_MAX_FAILURES + 1; i++) await checkCredentials(t.db, "sprayed2@x.test", "secret-guess-value", "203.0.113.77");
      const lines = warn.mock.calls.map((call) => call.join(" "));
      expect(lines.filter((l) => l.startsWith("[sign-in] failed"))).toHaveLength(THROTTLE_MAX_FAILURES);
      expect(lines.filter((l) => l.startsWith("[sign-in] refused: throttled (account-address)"))).toHaveLength(1);
      expect(lines.every((l) => l.includes("address=203.0.113.77"))).toBe(true);
      expect(lines.join("\n")).not.toMatch(/sprayed2|x\.test|secret-guess-value/);
    } finally {
      warn.mockRestore();
    }
  });
});
