import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDashboard } from "@/lib/payment-links/dashboard";
import { listHistory } from "@/lib/payment-links/history/list";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, insertLink, params } from "./links";

const MINUTE = 60_000;
const DAY = 86_400_000;

describe.each(DATABASE_KINDS)("dashboard on $kind", ({ create }) => {
  let t: TestDatabase;
  let home: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let away: Awaited<ReturnType<typeof createStoreWithStaff>>;

  beforeAll(async () => {
    t = await create();
    home = await createStoreWithStaff(t.db);
    away = await createStoreWithStaff(t.db);
    const now = Date.now();
    const s = home.store.id;
    const agent = home.agent.id;
    const manager = home.manager.id;
    const ago = (ms: number) => new Date(now - ms);
    // Inside 7 days: five links, two paid (after 10 and 30 minutes), one expiring within 24 h.
    await insertLink(t.db, { storeId: s, createdById: agent, createdAt: ago(MINUTE), status: "COMPLETED", amount: 10_000, statusChangedAt: new Date(now - MINUTE + 10 * MINUTE) });
    await insertLink(t.db, { storeId: s, createdById: agent, createdAt: ago(2 * DAY), status: "COMPLETED", amount: 25_050, statusChangedAt: new Date(now - 2 * DAY + 30 * MINUTE) });
    await insertLink(t.db, {
      storeId: s, createdById: agent, createdAt: ago(2 * DAY), status: "WAITING", expiresAt: new Date(now + 2 * 60 * MINUTE),
      sends: [{ channel: "SMS", outcome: "FAILED", errorCode: "BLACKLIST_REFUSED" }, { channel: "EMAIL", outcome: "SENT" }],
    });
    await insertLink(t.db, { storeId: s, createdById: manager, createdAt: ago(2 * DAY), status: "EXPIRED" });
    await insertLink(t.db, { storeId: s, createdById: manager, createdAt: ago(MINUTE), status: "WAITING", expiresAt: new Date(now + 3 * DAY) });
    // Outside 7 days, inside 30: paid after 5 minutes.
    await insertLink(t.db, { storeId: s, createdById: agent, createdAt: ago(10 * DAY), status: "COMPLETED", amount: 5_000, statusChangedAt: new Date(now - 10 * DAY + 5 * MINUTE) });
    // Another store.
    await insertLink(t.db, { storeId: away.store.id, createdById: away.agent.id, createdAt: ago(MINUTE), status: "COMPLETED", amount: 7_000, currency: "EUR", statusChangedAt: new Date(now) });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("counts a store's week: created, paid and amounts, conversion, median time to pay, open, expiring, failed sends", async () => {
    const d = await loadDashboard(actorOf(home.manager), "7d", "", t.db);
    expect(d).toMatchObject({
      created: 5,
      paid: 2,
      paidAmounts: [{ currency: "SEK", amount: 35_050 }],
      medianSecondsToPay: 1_200,
      openNow: 2,
      expiringSoon: 1,
      failedSends: [{ reason: "BLACKLIST_REFUSED", count: 1 }],
      timeZone: "Europe/Stockholm",
    });
    expect(d.agents).toEqual([
      { userId: home.agent.id, name: home.agent.name, created: 3, paid: 2, medianSecondsToPay: 1_200 },
      { userId: home.manager.id, name: home.manager.name, created: 2, paid: 0, medianSecondsToPay: null },
    ]);
    expect(d.days).toHaveLength(7);
    expect(d.days.reduce((sum, day) => sum + day.created, 0)).toBe(5);
    expect(d.days.reduce((sum, day) => sum + day.paid, 0)).toBe(2);
    expect(d.days.at(-1)!.day).toBe(d.filters.to);
    expect(d.filters.store).toBe("");
  });

  it("widens to 30 days and narrows to today", async () => {
    const month = await loadDashboard(actorOf(home.manager), "30d", "", t.db);
    expect(month).toMatchObject({ created: 6, paid: 3, medianSecondsToPay: 600, paidAmounts: [{ currency: "SEK", amount: 40_050 }] });
    expect(month.days).toHaveLength(30);
    const today = await loadDashboard(actorOf(home.manager), "today", "", t.db);
    expect(today.days).toHaveLength(1);
    expect(today.filters.from).toBe(today.filters.to);
  });

  it("each period figure equals the list it links to", async () => {
    const manager = actorOf(home.manager);
    const d = await loadDashboard(manager, "7d", "", t.db);
    const created = await listHistory(manager, params(d.filters), t.db);
    const paid = await listHistory(manager, params({ ...d.filters, status: "COMPLETED" }), t.db);
    const open = await listHistory(manager, params({ status: "open" }), t.db);
    const agentRow = await listHistory(manager, params({ ...d.filters, createdBy: home.agent.id }), t.db);
    const expiring = await listHistory(manager, params({ status: "expiring" }), t.db);
    const failed = await listHistory(manager, params({ ...d.filters, status: "send-failed", reason: "BLACKLIST_REFUSED" }), t.db);
    expect(expiring.total.value).toBe(d.expiringSoon);
    expect(expiring.total.value).toBe(1);
    expect(failed.total.value).toBe(d.failedSends[0]!.count);
    expect(failed.total.value).toBe(1);
    expect(created.total.value).toBe(d.created);
    expect(paid.total.value).toBe(d.paid);
    expect(open.total.value).toBe(d.openNow);
    expect(agentRow.total.value).toBe(d.agents[0]!.created);
  });

  it("keeps agents to their store and lets an admin see all or choose one", async () => {
    const awayAgent = await loadDashboard(actorOf(away.agent), "7d", home.store.id, t.db);
    expect(awayAgent).toMatchObject({ created: 1, paid: 1, paidAmounts: [{ currency: "EUR", amount: 7_000 }], openNow: 0, failedSends: [] });
    const all = await loadDashboard(actorOf(home.admin), "7d", "", t.db);
    expect(all).toMatchObject({ created: 6, paid: 3, paidAmounts: [{ currency: "EUR", amount: 7_000 }, { currency: "SEK", amount: 35_050 }] });
    expect(all.stores.map((s) => s.value)).toEqual(expect.arrayContaining([home.store.id, away.store.id]));
    const chosen = await loadDashboard(actorOf(home.admin), "7d", away.store.id, t.db);
    expect(chosen).toMatchObject({ created: 1, filters: { store: away.store.id } });
  });

  it("puts each link on its day in the store's time zone, not UTC's", async () => {
    const night = await createStoreWithStaff(t.db);
    // A quarter past midnight today in Stockholm is yesterday in UTC; a quarter to midnight yesterday is yesterday in both.
    const [times] = await t.db.$queryRaw<{ early: Date; late: Date }[]>`
      SELECT ((now() AT TIME ZONE 'Europe/Stockholm')::date + time '00:15') AT TIME ZONE 'Europe/Stockholm' AS early,
             ((now() AT TIME ZONE 'Europe/Stockholm')::date - 1 + time '23:45') AT TIME ZONE 'Europe/Stockholm' AS late`;
    expect(times!.early.getUTCDate()).toBe(times!.late.getUTCDate());
    for (const createdAt of [times!.early, times!.late]) {
      await insertLink(t.db, { storeId: night.store.id, createdById: night.agent.id, createdAt, status: "COMPLETED", statusChangedAt: createdAt });
    }
    const week = await loadDashboard(actorOf(night.manager), "7d", "", t.db);
    expect(week.days.slice(-2).map((day) => [day.created, day.paid])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const today = await loadDashboard(actorOf(night.manager), "today", "", t.db);
    expect(today.days).toEqual([{ day: today.filters.to, created: 1, paid: 1 }]);
    expect(today.created).toBe(1);
  });

  it("counts the failed sends of the period's first minute in the store's time zone, and not an older link's", async () => {
    const edge = await createStoreWithStaff(t.db);
    // One minute into the week's first day in Stockholm: still the day before in UTC.
    const [times] = await t.db.$queryRaw<{ first: Date; before: Date }[]>`
      SELECT ((now() AT TIME ZONE 'Europe/Stockholm')::date - 6 + time '00:01') AT TIME ZONE 'Europe/Stockholm' AS first,
             ((now() AT TIME ZONE 'Europe/Stockholm')::date - 6 + time '00:00') AT TIME ZONE 'Europe/Stockholm' - interval '1 minute' AS before`;
    const failed = (at: Date) => [{ channel: "SMS" as const, outcome: "FAILED" as const, errorCode: "BLACKLIST_REFUSED", at }];
    await insertLink(t.db, { storeId: edge.store.id, createdById: edge.agent.id, createdAt: times!.first, sends: failed(times!.first) });
    // Created the minute before the week, its send failed within it (an hour ago): not the period's link.
    await insertLink(t.db, { storeId: edge.store.id, createdById: edge.agent.id, createdAt: times!.before, sends: failed(new Date(Date.now() - 60 * MINUTE)) });
    const week = await loadDashboard(actorOf(edge.manager), "7d", "", t.db);
    expect(week.created).toBe(1);
    expect(week.failedSends).toEqual([{ reason: "BLACKLIST_REFUSED", count: 1 }]);
    const list = await listHistory(actorOf(edge.manager), params({ ...week.filters, status: "send-failed", reason: "BLACKLIST_REFUSED" }), t.db);
    expect(list.rows.map((row) => row.createdAt)).toEqual([times!.first.toISOString()]);
  });
});
