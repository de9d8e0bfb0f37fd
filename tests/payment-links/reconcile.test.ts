import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { createPaymentLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { runBackgroundJobs } from "@/lib/payment-links/jobs";
import { reconcileLinks } from "@/lib/payment-links/reconcile";
import { resendPaymentLink } from "@/lib/payment-links/resend";
import { sendBlockedReason } from "@/lib/payment-links/rules";
import { DATABASE_KINDS } from "../support/database";
import { eventually, formValues, rejection, sessionSuite } from "../sessions/harness";

const INTERVAL = 300_000;
const at = (start: number, plusMs: number) => () => new Date(start + plusMs);

describe.each(DATABASE_KINDS)("background status reconciliation ($kind)", ({ kind, create }) => {
  const suite = sessionSuite(create);
  const linkOf = (id: string) => suite.t.db.paymentSession.findUniqueOrThrow({ where: { id } });
  const readsOf = async (providerSessionId: string) =>
    (await suite.control.requests("getSessionById")).filter((r) => r.path.endsWith(`/${providerSessionId}`)).length;

  it("with the callback lost, a paid link reads Completed within one interval while nobody has its page open", async () => {
    await suite.control.config({ callbacks: "drop" });
    const start = Date.now();
    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues());
    const link = await linkOf(linkId);
    await suite.control.setStatus(link.providerSessionId!, "IN_PROGRESS");
    await suite.control.setStatus(link.providerSessionId!, "COMPLETED");
    // The callback is dropped: the portal still thinks the customer hasn't paid.
    expect(await suite.control.callbacks(link.providerSessionId!)).toEqual([]);
    expect((await linkOf(linkId)).status).toBe("WAITING");

    // Before the interval is up the job leaves the link alone…
    await runBackgroundJobs({ ...suite.deps, now: at(start, INTERVAL / 2) }, { staleMs: 30_000, reconcileIntervalMs: INTERVAL });
    expect((await linkOf(linkId)).status).toBe("WAITING");
    // …and one interval after the link was created it has looked, and found the payment.
    const report = await runBackgroundJobs({ ...suite.deps, now: at(start, INTERVAL + 1_000) }, { staleMs: 30_000, reconcileIntervalMs: INTERVAL });
    expect(report.reread).toBeGreaterThanOrEqual(1);
    const done = await linkOf(linkId);
    expect(done.status).toBe("COMPLETED");
    const change = await suite.t.db.sessionEvent.findFirstOrThrow({ where: { sessionId: linkId, toStatus: "COMPLETED" } });
    expect(change.source).toBe("PROVIDER_POLL");
  });

  it("two job runners on one database re-read each link at most once per interval (counted in the sandbox's request log)", async () => {
    // Two processes on PostgreSQL each have their own pool; PGlite takes one connection, so there they share it.
    const second = kind === "postgresql" ? createDb(suite.t.url) : suite.t.db;
    try {
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push((await createPaymentLink(suite.deps, suite.agent, suite.store, formValues({ channel: "link", customer: {} }))).linkId);
      const start = Date.now();
      const providerIds = await Promise.all(ids.map(async (id) => (await linkOf(id)).providerSessionId!));
      const before = await Promise.all(providerIds.map(readsOf));
      const runners = (plusMs: number): LinkDeps[] => [
        { ...suite.deps, now: at(start, plusMs) },
        { ...suite.deps, db: second, now: at(start, plusMs) },
      ];
      const runBoth = (plusMs: number) => Promise.all(runners(plusMs).map((deps) => reconcileLinks(deps, { intervalMs: INTERVAL })));
      const reads = async () => (await Promise.all(providerIds.map(readsOf))).map((n, i) => n - before[i]!);

      const first = await runBoth(INTERVAL + 1_000);
      expect(first.reduce((sum, r) => sum + r.reread, 0)).toBe(4);
      expect(await reads()).toEqual([1, 1, 1, 1]);
      // Later in the same interval: nobody reads again.
      await runBoth(INTERVAL + 60_000);
      expect(await reads()).toEqual([1, 1, 1, 1]);
      // The next interval: each link once more.
      await runBoth(2 * INTERVAL + 2_000);
      expect(await reads()).toEqual([2, 2, 2, 2]);
    } finally {
      if (second !== suite.t.db) await second.$disconnect();
    }
  });

  it("a link the provider reports expired reads Expired at once, and Resend is refused", async () => {
    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues());
    const link = await linkOf(linkId);
    // Expired early at the provider; the portal's own expiry is still a day away.
    await suite.control.expire(link.providerSessionId!);
    expect(link.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    await reconcileLinks({ ...suite.deps, now: at(Date.now(), INTERVAL + 1_000) }, { intervalMs: INTERVAL });
    const expired = await linkOf(linkId);
    expect(expired.status).toBe("EXPIRED");
    expect(sendBlockedReason(expired, new Date())).toBe("This payment link has expired. Create a new payment link.");
    expect((await rejection(resendPaymentLink(suite.deps, suite.agent, linkId, randomUUID()))).code).toBe("NOT_SENDABLE");
  });

  it("a link about to expire is looked at sooner than the interval", async () => {
    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues({ channel: "link", customer: {} }));
    const start = Date.now();
    await suite.t.db.paymentSession.update({ where: { id: linkId }, data: { expiresAt: new Date(start + INTERVAL / 2), lastSyncedAt: new Date(start) } });
    const providerId = (await linkOf(linkId)).providerSessionId!;
    const before = await readsOf(providerId);
    await reconcileLinks({ ...suite.deps, now: at(start, INTERVAL / 4) }, { intervalMs: INTERVAL });
    expect(await eventually(() => readsOf(providerId), (n) => n === before + 1)).toBe(before + 1);
  });
});
