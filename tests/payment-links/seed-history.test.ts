import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedHistory } from "@/prisma/seed-history";
import { createPgliteDatabase, type TestDatabase } from "../support/database";

describe("db:seed-history on the embedded database", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createPgliteDatabase();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.drop();
  });

  it("adds the sessions asked for, with sends and events, across the demo stores' staff", async () => {
    await seedHistory(t.url, { sessions: 120, log: () => {} });
    await seedHistory(t.url, { sessions: 30, stores: 3, log: () => {} });
    expect(await t.db.paymentSession.count()).toBe(150);
    const stores = await t.db.store.findMany({ select: { name: true, _count: { select: { sessions: true } } }, orderBy: { createdAt: "asc" } });
    expect(stores.map((s) => s.name)).toEqual(["Stockholm", "Berlin", "Store 3"]);
    expect(stores.every((s) => s._count.sessions > 0)).toBe(true);
    const references = await t.db.paymentSession.findMany({ select: { merchantReference: true } });
    expect(new Set(references.map((r) => r.merchantReference)).size).toBe(150);
    const oldest = await t.db.paymentSession.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect(Date.now() - oldest.createdAt.getTime()).toBeGreaterThan(365 * 86_400_000);
    expect(await t.db.distribution.count()).toBeGreaterThan(100);
    expect(await t.db.sessionEvent.count()).toBeGreaterThan(300);
    const paid = await t.db.paymentSession.findFirstOrThrow({ where: { status: "COMPLETED" } });
    expect(paid.statusChangedAt.getTime()).toBeGreaterThan(paid.createdAt.getTime());
    // Each link's stored last send (and whether one failed) is what its sends say (the rule lib/payment-links/last-send.ts keeps).
    const [counts] = await t.db.$queryRaw<{ mismatched: number; withLast: number }[]>`
      SELECT count(*) FILTER (WHERE s."lastChannel" IS DISTINCT FROM d."channel" OR s."lastSendOutcome" IS DISTINCT FROM d."outcome"
          OR s."sendFailed" <> EXISTS (SELECT 1 FROM "Distribution" f WHERE f."sessionId" = s."id" AND f."outcome" = 'FAILED'))::int AS mismatched,
        count(s."lastChannel")::int AS "withLast"
      FROM "PaymentSession" s LEFT JOIN LATERAL (
        SELECT d."channel", d."outcome" FROM "Distribution" d WHERE d."sessionId" = s."id"
        ORDER BY (d."outcome" = 'SENT') DESC, d."createdAt" DESC, d."id" DESC LIMIT 1) d ON true`;
    expect(counts!.mismatched).toBe(0);
    expect(counts!.withLast).toBeGreaterThan(100);
    // The generated staff cannot sign in.
    expect(await t.db.user.count({ where: { email: { startsWith: "history." }, disabled: false } })).toBe(0);
  });

  it("fails each send only as its channel can fail: the daily test-email limit stops emails, not SMS", async () => {
    await seedHistory(t.url, { sessions: 2_000, log: () => {} });
    const failed = await t.db.distribution.groupBy({ by: ["channel", "errorCode"], where: { outcome: "FAILED" }, _count: true });
    const codes = (channel: string) => failed.filter((f) => f.channel === channel).map((f) => f.errorCode);
    expect(codes("SMS").length).toBeGreaterThan(0);
    expect(codes("SMS")).not.toContain("EMAIL_LIMIT_EXCEEDED");
    expect(codes("EMAIL")).toContain("EMAIL_LIMIT_EXCEEDED");
    expect(failed.every((f) => f.errorCode !== null)).toBe(true);
  });

  it("puts nothing after now: the newest links are paid, resent and their events recorded by now at the latest", async () => {
    const t2 = await createPgliteDatabase();
    try {
      // A day of history: dozens of links from the last hours, when a pay time or a resend two hours
      // on would otherwise fall after now.
      await seedHistory(t2.url, { sessions: 600, days: 1, log: () => {} });
      const [row] = await t2.db.$queryRaw<{ recent: number; paidRecently: number; future: number }[]>`
        SELECT
          (SELECT count(*)::int FROM "PaymentSession" WHERE "createdAt" > (now() AT TIME ZONE 'UTC') - interval '2 hours') AS recent,
          (SELECT count(*)::int FROM "PaymentSession" WHERE "status" = 'COMPLETED' AND "createdAt" > (now() AT TIME ZONE 'UTC') - interval '2 hours') AS "paidRecently",
          (SELECT count(*)::int FROM "PaymentSession" WHERE greatest("createdAt", "statusChangedAt") > now() AT TIME ZONE 'UTC')
            + (SELECT count(*)::int FROM "Distribution" WHERE greatest("createdAt", "completedAt") > now() AT TIME ZONE 'UTC')
            + (SELECT count(*)::int FROM "SessionEvent" WHERE "createdAt" > now() AT TIME ZONE 'UTC') AS future`;
      expect(row!.recent).toBeGreaterThan(30);
      expect(row!.paidRecently).toBeGreaterThan(10);
      expect(row!.future).toBe(0);
      const oldest = await t2.db.paymentSession.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
      expect(Date.now() - oldest.createdAt.getTime()).toBeLessThan(86_400_000 + 120_000);
    } finally {
      await t2.drop();
    }
  });

  it("is refused in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    await expect(seedHistory(t.url, { sessions: 10, log: () => {} })).rejects.toThrow(/production/);
    vi.unstubAllEnvs();
  });
});
