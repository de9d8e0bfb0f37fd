import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { THROTTLE_MAX_FAILURES } from "@/lib/auth/throttle";
import { createDb, type Db } from "@/lib/db";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";

const PASSWORD = "demo-password-1";
const GUESSES = 40;

describe.each(DATABASE_KINDS)("sign-in throttle under parallel guesses on $kind", ({ kind, create }) => {
  let t: TestDatabase;
  /** Clients standing in for separate server processes (PGlite's wire server takes one connection). */
  let clients: Db[];

  beforeAll(async () => {
    t = await create();
    clients = kind === "pglite" ? [t.db] : [t.db, createDb(t.url, { poolSize: 10 })];
    const passwordHash = await hashPassword(PASSWORD);
    await t.db.user.createMany({
      data: [
        { email: "target@x.test", name: "Target", role: "ADMIN", passwordHash },
        { email: "owner@x.test", name: "Owner", role: "ADMIN", passwordHash },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all(clients.slice(1).map((c) => c.$disconnect()));
    await t.drop();
  });

  const guess = (email: string, password: (i: number) => string) =>
    Promise.all(Array.from({ length: GUESSES }, (_, i) => checkCredentials(clients[i % clients.length]!, email, password(i))));

  it(`evaluates at most ${THROTTLE_MAX_FAILURES} of ${GUESSES} parallel wrong guesses`, async () => {
    const answers = await guess("target@x.test", (i) => `guess-${i}`);
    expect(answers.filter((a) => !a.ok && a.reason === "INVALID")).toHaveLength(THROTTLE_MAX_FAILURES);
    expect(answers.filter((a) => !a.ok && a.reason === "THROTTLED")).toHaveLength(GUESSES - THROTTLE_MAX_FAILURES);
    expect(await t.db.loginAttempt.count({ where: { email: "target@x.test" } })).toBe(THROTTLE_MAX_FAILURES);
    expect(await checkCredentials(t.db, "target@x.test", PASSWORD)).toEqual({ ok: false, reason: "THROTTLED" });
  });

  it("cannot be beaten by hiding the right password among parallel guesses", async () => {
    const answers = await guess("owner@x.test", (i) => (i === GUESSES - 1 ? PASSWORD : `guess-${i}`));
    expect(answers.filter((a) => a.ok || a.reason === "INVALID").length).toBeLessThanOrEqual(THROTTLE_MAX_FAILURES);
  });
});
