import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listHistory, type HistoryPage } from "@/lib/payment-links/history/list";
import { historyHref, parseHistoryParams, type HistoryParams } from "@/lib/payment-links/history/params";
import { classifySearch, phoneSuffix } from "@/lib/payment-links/history/search";
import type { Actor } from "@/lib/auth/authorize";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { TEXT_WINDOW } from "@/lib/payment-links/history/rows";
import { TOTAL_CAP } from "@/lib/payment-links/history/params";
import { actorOf, insertFillerLinks, insertLink, params } from "./links";
import { rawPool } from "@/lib/db";

type Staff = Awaited<ReturnType<typeof createStoreWithStaff>>;

const refs = (page: HistoryPage) => page.rows.map((row) => row.merchantReference);

/**
 * Pages `expected` (30 references, newest first) Older then Newer under `filter`: 25, then 5, then back
 * to the same 25, none skipped or repeated. The first page, for what else a test asks of it.
 */
async function pagesOlderThenNewer(db: TestDatabase["db"], actor: Actor, filter: Partial<HistoryParams>, expected: string[]): Promise<HistoryPage> {
  const first = await listHistory(actor, params(filter), db);
  expect(refs(first)).toEqual(expected.slice(0, 25));
  const second = await listHistory(actor, params({ ...filter, older: first.older! }), db);
  expect(refs(second)).toEqual(expected.slice(25));
  expect(second.older).toBeNull();
  const back = await listHistory(actor, params({ ...filter, newer: second.newer! }), db);
  expect(refs(back)).toEqual(expected.slice(0, 25));
  expect(back.newer).toBeNull();
  return first;
}

describe("search routing", () => {
  it("reads what was typed as a reference, phone, email or text", () => {
    expect(classifySearch("PBL-2612")).toEqual({ kind: "reference", value: "PBL-2612" });
    expect(classifySearch("pbl-26")).toEqual({ kind: "reference", value: "PBL-26" });
    expect(classifySearch("070-123 45 67")).toEqual({ kind: "phone", value: "701234567" });
    expect(classifySearch("+46701234567")).toEqual({ kind: "phone", value: "46701234567" });
    expect(classifySearch("0046 70 123")).toEqual({ kind: "phone", value: "4670123" });
    expect(classifySearch("4567")).toEqual({ kind: "phone", value: "4567" });
    // The last digits as typed, a leading zero included: not a trunk prefix ("0754" is not "754").
    expect(classifySearch("0754")).toEqual({ kind: "phone", value: "0754" });
    expect(classifySearch("00754")).toEqual({ kind: "phone", value: "00754" });
    expect(classifySearch("08-123 45")).toEqual({ kind: "phone", value: "812345" });
    expect(classifySearch("Anna.S@")).toEqual({ kind: "email", value: "anna.s@" });
    expect(classifySearch("Svensson")).toEqual({ kind: "text", value: "svensson" });
    expect(classifySearch("  ")).toBeNull();
    expect(phoneSuffix("12")).toBeNull();
  });
});

describe("the list's URL", () => {
  it("keeps a failure reason only with the A send failed filter, and only an error code", () => {
    expect(parseHistoryParams({ status: "send-failed", reason: "BLACKLIST_REFUSED" })).toMatchObject({ status: "send-failed", reason: "BLACKLIST_REFUSED" });
    expect(parseHistoryParams({ status: "open", reason: "BLACKLIST_REFUSED" }).reason).toBe("");
    expect(parseHistoryParams({ status: "send-failed", reason: "x' OR 1=1" }).reason).toBe("");
    expect(historyHref({ status: "send-failed", reason: "TIMEOUT", from: "2026-11-01" })).toBe("/sessions?status=send-failed&from=2026-11-01&reason=TIMEOUT");
    expect(historyHref({ status: "expiring", reason: "TIMEOUT" })).toBe("/sessions?status=expiring");
  });
});

describe.each(DATABASE_KINDS)("history list on $kind", ({ create }) => {
  let t: TestDatabase;
  let stockholm: Staff;
  let berlin: Staff;
  let agent: Actor;
  let manager: Actor;
  let admin: Actor;
  let berlinAgent: Actor;
  const base = new Date("2026-03-01T12:00:00Z");
  const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);

  beforeAll(async () => {
    t = await create();
    stockholm = await createStoreWithStaff(t.db);
    berlin = await createStoreWithStaff(t.db);
    await t.db.store.update({ where: { id: berlin.store.id }, data: { country: "DE", currency: "EUR" } });
    agent = actorOf(stockholm.agent);
    manager = actorOf(stockholm.manager);
    admin = actorOf(stockholm.admin);
    berlinAgent = actorOf(berlin.agent);
    const s = stockholm.store.id;
    // A known set in Stockholm, oldest first, a minute apart, plus two Berlin links between them.
    await insertLink(t.db, { storeId: s, createdById: stockholm.agent.id, createdAt: at(0), reference: "PBL-2612-A", customerName: "Anna Svensson", customerPhone: "+46701234567", customerEmail: "Anna.S@Example.com", sends: [{ channel: "SMS", outcome: "SENT" }] });
    await insertLink(t.db, { storeId: s, createdById: stockholm.manager.id, createdAt: at(1), reference: "PBL-2613-B", status: "COMPLETED", customerName: "Bo Berg", customerEmail: "bo@example.com", sends: [{ channel: "EMAIL", outcome: "SENT" }] });
    await insertLink(t.db, { storeId: berlin.store.id, createdById: berlin.agent.id, createdAt: at(2), reference: "BER-1", customerName: "Greta Svensson", customerPhone: "+49301234567" });
    await insertLink(t.db, { storeId: s, createdById: stockholm.agent.id, createdAt: at(3), reference: "ORD-77", status: "EXPIRED", customerPhone: "+46709994567", sends: [{ channel: "SMS", outcome: "FAILED", errorCode: "INVALID_PHONE" }] });
    await insertLink(t.db, { storeId: s, createdById: stockholm.agent.id, createdAt: at(4), reference: "ORD-78", status: "WAITING", sends: [{ channel: "QR", outcome: "SENT" }] });
    await insertLink(t.db, { storeId: s, createdById: stockholm.agent.id, createdAt: at(5), reference: "ORD-79", status: "IN_PROGRESS", customerEmail: "carl@shop.example" });
    await insertLink(t.db, { storeId: berlin.store.id, createdById: berlin.agent.id, createdAt: at(6), reference: "BER-2", status: "CANCELLED" });
    // 23:30 UTC on 10 March is 11 March in Stockholm (UTC+1).
    await insertLink(t.db, { storeId: s, createdById: stockholm.agent.id, createdAt: new Date("2026-03-10T23:30:00Z"), reference: "LATE-1", status: "DISABLED" });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("an agent sees their store's links newest first, masked, with expiry and last channel", async () => {
    const page = await listHistory(agent, params(), t.db);
    expect(refs(page)).toEqual(["LATE-1", "ORD-79", "ORD-78", "ORD-77", "PBL-2613-B", "PBL-2612-A"]);
    expect(page.total).toEqual({ value: 6, more: false, approximate: false });
    expect(page.timeZone).toBe("Europe/Stockholm");
    const anna = page.rows.at(-1)!;
    expect(anna).toMatchObject({ customerPhoneMasked: "+46 70 ••• •• 67", customerEmailMasked: "A•••@Example.com", lastChannelLabel: "SMS", statusLabel: "Waiting" });
    expect(anna.expiresAt).toBe(new Date(at(0).getTime() + 7 * 86_400_000).toISOString());
    expect(page.rows.find((r) => r.merchantReference === "ORD-77")!.lastChannelLabel).toBe("SMS (not sent)");
    expect(page.options).toEqual({ stores: [], creators: [] });
  });

  it("reads an agent's page in one query when the sign-in check brought the store's settings", async () => {
    const pool = rawPool(t.db);
    const query = pool.query.bind(pool);
    let queries = 0;
    pool.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof pool.query;
    try {
      const withSettings = await listHistory({ ...berlinAgent, storeSettings: { country: "DE", locale: "de-DE" } }, params(), t.db);
      expect(queries).toBe(1);
      queries = 0;
      const without = await listHistory(berlinAgent, params(), t.db);
      expect(queries).toBe(2);
      expect(withSettings).toEqual(without);
      expect(withSettings.timeZone).toBe("Europe/Berlin");
    } finally {
      pool.query = query;
    }
  });

  it("never shows another store to an agent, whatever the URL names", async () => {
    const asked = await listHistory(agent, params({ store: berlin.store.id }), t.db);
    expect(refs(asked)).not.toContain("BER-1");
    expect(refs(asked)).toHaveLength(6);
    const berlinPage = await listHistory(berlinAgent, params(), t.db);
    expect(refs(berlinPage)).toEqual(["BER-2", "BER-1"]);
  });

  it("a crafted cursor from another store's row still returns only the agent's own store", async () => {
    const berlinRow = await t.db.paymentSession.findFirstOrThrow({ where: { merchantReference: "BER-2" } });
    const cursor = { createdAt: berlinRow.createdAt.toISOString(), id: berlinRow.id };
    const older = await listHistory(agent, params({ older: cursor }), t.db);
    expect(refs(older)).toEqual(["ORD-79", "ORD-78", "ORD-77", "PBL-2613-B", "PBL-2612-A"]);
    const newer = await listHistory(agent, params({ newer: cursor }), t.db);
    expect(refs(newer)).toEqual(["LATE-1"]);
  });

  it("admins see every store and may pick one; managers get the Created by choices", async () => {
    const all = await listHistory(admin, params(), t.db);
    expect(refs(all)).toEqual(expect.arrayContaining(["BER-1", "BER-2", "PBL-2612-A"]));
    expect(all.timeZone).toBe("UTC");
    expect(all.options.stores.map((s) => s.value)).toEqual(expect.arrayContaining([stockholm.store.id, berlin.store.id]));
    const picked = await listHistory(admin, params({ store: berlin.store.id }), t.db);
    expect(refs(picked)).toEqual(["BER-2", "BER-1"]);
    expect(picked.timeZone).toBe("Europe/Berlin");
    const managerPage = await listHistory(manager, params(), t.db);
    expect(managerPage.options.stores).toEqual([]);
    expect(managerPage.options.creators.map((c) => c.value)).toEqual(expect.arrayContaining([stockholm.agent.id, stockholm.manager.id]));
    expect(managerPage.options.creators.map((c) => c.value)).not.toContain(berlin.agent.id);
  });

  it("filters by status, including Open and Not sent", async () => {
    const by = async (status: HistoryParams["status"]) => refs(await listHistory(agent, params({ status }), t.db));
    expect(await by("open")).toEqual(["ORD-79", "ORD-78", "PBL-2612-A"]);
    expect(await by("not-sent")).toEqual(["ORD-79"]);
    expect(await by("COMPLETED")).toEqual(["PBL-2613-B"]);
    expect(await by("EXPIRED")).toEqual(["ORD-77"]);
    expect(await by("DISABLED")).toEqual(["LATE-1"]);
    expect(await by("CANCELLED")).toEqual([]);
    // Every link here expired long ago; the dashboard's test has one expiring.
    expect(await by("expiring")).toEqual([]);
    expect(await by("send-failed")).toEqual(["ORD-77"]);
    expect(refs(await listHistory(agent, params({ status: "send-failed", reason: "INVALID_PHONE" }), t.db))).toEqual(["ORD-77"]);
    expect(refs(await listHistory(agent, params({ status: "send-failed", reason: "BLACKLIST_REFUSED" }), t.db))).toEqual([]);
  });

  it("reads From and To as dates in the store's time zone", async () => {
    expect(refs(await listHistory(agent, params({ from: "2026-03-11" }), t.db))).toEqual(["LATE-1"]);
    expect(refs(await listHistory(agent, params({ to: "2026-03-10" }), t.db))).not.toContain("LATE-1");
    expect(refs(await listHistory(agent, params({ from: "2026-03-01", to: "2026-03-01" }), t.db))).toHaveLength(5);
    // The admin without a store reads UTC: 23:30 UTC is still 10 March.
    expect(refs(await listHistory(admin, params({ from: "2026-03-10", to: "2026-03-10" }), t.db))).toEqual(["LATE-1"]);
  });

  it("filters by creator and by channel", async () => {
    expect(refs(await listHistory(manager, params({ createdBy: stockholm.manager.id }), t.db))).toEqual(["PBL-2613-B"]);
    expect(refs(await listHistory(agent, params({ channel: "sms" }), t.db))).toEqual(["ORD-77", "PBL-2612-A"]);
    expect(refs(await listHistory(agent, params({ channel: "qr" }), t.db))).toEqual(["ORD-78"]);
    expect(refs(await listHistory(agent, params({ channel: "token" }), t.db))).toEqual([]);
  });

  it("finds a link by reference, phone in any format, email start and customer name", async () => {
    const search = async (q: string, actor = agent) => [q, ...refs(await listHistory(actor, params({ q }), t.db))];
    expect(await search("PBL-2612-A")).toEqual(["PBL-2612-A", "PBL-2612-A"]);
    expect(await search("pbl-261")).toEqual(["pbl-261", "PBL-2613-B", "PBL-2612-A"]);
    expect(await search("070-123 45 67")).toEqual(["070-123 45 67", "PBL-2612-A"]);
    expect(await search("+46701234567")).toEqual(["+46701234567", "PBL-2612-A"]);
    expect(await search("0046 70 123 45 67")).toEqual(["0046 70 123 45 67", "PBL-2612-A"]);
    expect(await search("4567")).toEqual(["4567", "ORD-77", "PBL-2612-A"]);
    // Last digits starting with a zero are those digits, not a trunk prefix: "0567" is not "567".
    expect(await search("0567")).toEqual(["0567"]);
    expect(await search("anna.s@")).toEqual(["anna.s@", "PBL-2612-A"]);
    expect(await search("ANNA.S@EXAMPLE.COM")).toEqual(["ANNA.S@EXAMPLE.COM", "PBL-2612-A"]);
    expect(await search("Svensson")).toEqual(["Svensson", "PBL-2612-A"]);
    expect(await search("svensson", admin)).toEqual(["svensson", "BER-1", "PBL-2612-A"]);
    expect(await search("shop.exam")).toEqual(["shop.exam", "ORD-79"]);
    expect(await search("100%_")).toEqual(["100%_"]);
    expect((await listHistory(agent, params({ q: "Svensson" }), t.db)).total).toEqual({ value: 1, more: false, approximate: false });
  });

  it("pages Expiring within 24 h by creation, Older then Newer, with the total and the creators' names", async () => {
    // Its own store: the open links the other tests made expire in a week. Created before every other
    // link here (an admin's newest stay the other tests'), and expiring within the day all the same.
    const store = await createStoreWithStaff(t.db);
    const now = Date.now();
    const hour = 3_600_000;
    const before = base.getTime() - 30 * 24 * hour;
    // Created a minute apart; each expires earlier than the one created before it, so an order by
    // expiry would be the reverse of the list's.
    for (let i = 0; i < 30; i++) {
      await insertLink(t.db, {
        storeId: store.store.id,
        createdById: i % 2 ? store.manager.id : store.agent.id,
        createdAt: new Date(before + i * 60_000),
        reference: `EXP-${String(i).padStart(2, "0")}`,
        expiresAt: new Date(now + 23 * hour - i * 10 * 60_000),
      });
    }
    // Not expiring within the day: later, already past, or paid.
    const last = new Date(before + 40 * 60_000);
    await insertLink(t.db, { storeId: store.store.id, createdById: store.agent.id, createdAt: last, reference: "LATER", expiresAt: new Date(now + 30 * hour) });
    await insertLink(t.db, { storeId: store.store.id, createdById: store.agent.id, createdAt: last, reference: "PAST", expiresAt: new Date(now - 60_000) });
    await insertLink(t.db, { storeId: store.store.id, createdById: store.agent.id, createdAt: last, reference: "PAID", status: "COMPLETED", expiresAt: new Date(now + hour) });
    const storeAgent = actorOf(store.agent);
    const expected = Array.from({ length: 30 }, (_, i) => `EXP-${String(29 - i).padStart(2, "0")}`);
    const first = await pagesOlderThenNewer(t.db, storeAgent, { status: "expiring" }, expected);
    expect(first.total).toEqual({ value: 30, more: false, approximate: false });
    expect(first.rows.map((row) => row.createdByName).slice(0, 2)).toEqual([store.manager.name, store.agent.name]);
    expect(first.rows.every((row) => row.storeName === store.store.name)).toBe(true);
  });
});

describe.each(DATABASE_KINDS)("history cursor pagination on $kind", ({ create }) => {
  let t: TestDatabase;
  let staff: Staff;
  let agent: Actor;

  beforeAll(async () => {
    t = await create();
    staff = await createStoreWithStaff(t.db);
    agent = actorOf(staff.agent);
    const start = Date.parse("2026-01-01T00:00:00Z");
    // 60 links; every third pair shares a timestamp, so the id must break ties.
    for (let i = 0; i < 60; i++) {
      await insertLink(t.db, { storeId: staff.store.id, createdById: staff.agent.id, createdAt: new Date(start + Math.floor(i / 2) * 1000), reference: `PAGE-${String(i).padStart(3, "0")}` });
    }
  });
  afterAll(async () => {
    await t.drop();
  });

  it("walks Older then Newer with no row skipped or repeated while links are created between pages", async () => {
    const seen: string[] = [];
    let page = await listHistory(agent, params(), t.db);
    expect(page.newer).toBeNull();
    const pages: HistoryPage[] = [page];
    seen.push(...refs(page));
    let n = 0;
    while (page.older) {
      // New links arrive at the top while the agent pages down.
      await insertLink(t.db, { storeId: staff.store.id, createdById: staff.agent.id, createdAt: new Date(), reference: `NEW-${n++}` });
      page = await listHistory(agent, params({ older: page.older }), t.db);
      pages.push(page);
      seen.push(...refs(page));
    }
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 10]);
    const expected = await t.db.paymentSession.findMany({
      where: { merchantReference: { startsWith: "PAGE-" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { merchantReference: true },
    });
    expect(seen).toEqual(expected.map((row) => row.merchantReference));

    // Back up from the last page: the same pages, in reverse.
    const back = await listHistory(agent, params({ newer: page.newer! }), t.db);
    expect(refs(back)).toEqual(refs(pages[1]!));
    const top = await listHistory(agent, params({ newer: back.newer! }), t.db);
    expect(refs(top)).toEqual(refs(pages[0]!));
    // Above the first page are the links created meanwhile.
    const newest = await listHistory(agent, params({ newer: top.newer! }), t.db);
    expect(refs(newest)).toEqual(["NEW-1", "NEW-0"]);
    expect(newest.newer).toBeNull();
  });

});

describe.each(DATABASE_KINDS)("free-text search over a long history on $kind", ({ create }) => {
  let t: TestDatabase;
  let agent: Actor;
  let admin: Actor;
  const start = new Date("2025-06-01T00:00:00Z");
  const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

  beforeAll(async () => {
    t = await create();
    const staff = await createStoreWithStaff(t.db);
    agent = actorOf(staff.agent);
    admin = actorOf(staff.admin);
    const link = { storeId: staff.store.id, createdById: staff.agent.id };
    // One old match, then more links than a search first reads, then 30 recent matches.
    await insertLink(t.db, { ...link, createdAt: minutes(0), reference: "OLD-1", customerName: "Zelda Lindqvist" });
    await insertFillerLinks(t.db, { ...link, from: minutes(1), count: TEXT_WINDOW + 100 });
    const recent = minutes(24 * 60 * 7);
    for (let i = 0; i < 30; i++) {
      await insertLink(t.db, { ...link, createdAt: new Date(recent.getTime() + i * 60_000), reference: `REC-${String(i).padStart(2, "0")}`, customerName: "Mona Karlsson" });
    }
  });
  afterAll(async () => {
    await t.drop();
  });

  it("finds a match older than the recent links it reads first, with its exact total", async () => {
    const page = await listHistory(agent, params({ q: "Lindqvist" }), t.db);
    expect(refs(page)).toEqual(["OLD-1"]);
    expect(page.total).toEqual({ value: 1, more: false, approximate: false });
    expect(page.older).toBeNull();
  });

  it("pages a common fragment's matches, Older then Newer, none skipped or repeated", async () => {
    const expected = Array.from({ length: 30 }, (_, i) => `REC-${String(29 - i).padStart(2, "0")}`);
    const first = await pagesOlderThenNewer(t.db, agent, { q: "karlsson" }, expected);
    expect(first.total).toEqual({ value: 25, more: true, approximate: false });
  });

  it("pages a reference prefix with more matches than the count's cap, Older then Newer", async () => {
    // FILL-1, FILL-10…19, FILL-100…199, FILL-1000…1999 and FILL-10000…: more than the cap, so the
    // page walks the newest-first index rather than sorting the matches.
    const newest = await t.db.paymentSession.findMany({
      where: { merchantReference: { startsWith: "FILL-1" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { merchantReference: true },
    });
    const expected = newest.map((row) => row.merchantReference);
    expect(await t.db.paymentSession.count({ where: { merchantReference: { startsWith: "FILL-1" } } })).toBeGreaterThan(TOTAL_CAP);
    const first = await listHistory(agent, params({ q: "fill-1" }), t.db);
    expect(refs(first)).toEqual(expected.slice(0, 25));
    expect(first.total).toEqual({ value: TOTAL_CAP, more: true, approximate: false });
    const second = await listHistory(agent, params({ q: "fill-1", older: first.older! }), t.db);
    expect(refs(second)).toEqual(expected.slice(25));
    const back = await listHistory(agent, params({ q: "fill-1", newer: second.newer! }), t.db);
    expect(refs(back)).toEqual(expected.slice(0, 25));
    expect(back.newer).toBeNull();
    // Within the cap (FILL-19, FILL-190…199, FILL-1900…1999: 111) the matches are counted exactly,
    // read through the reference index and sorted.
    const seen: string[] = [];
    let page = await listHistory(agent, params({ q: "fill-19" }), t.db);
    expect(page.total).toEqual({ value: 111, more: false, approximate: false });
    expect(refs(page).slice(0, 2)).toEqual(["FILL-1999", "FILL-1998"]);
    seen.push(...refs(page));
    while (page.older) {
      page = await listHistory(agent, params({ q: "fill-19", older: page.older }), t.db);
      seen.push(...refs(page));
    }
    expect(seen).toHaveLength(111);
    expect(new Set(seen).size).toBe(111);
    expect(seen.at(-1)).toBe("FILL-19");
  });

  it("counts a store's list up to the cap, and gives an admin's unfiltered list the planner's estimate", async () => {
    expect((await listHistory(agent, params(), t.db)).total).toEqual({ value: TOTAL_CAP, more: true, approximate: false });
    await t.db.$executeRawUnsafe(`ANALYZE "PaymentSession"`);
    const page = await listHistory(admin, params(), t.db);
    expect(page.total.approximate).toBe(true);
    expect(page.total.value).toBeGreaterThan(TEXT_WINDOW);
    expect(refs(page).slice(0, 2)).toEqual(["REC-29", "REC-28"]);
  });

  it("finds both when a fragment matches recent and old links alike", async () => {
    await insertLink(t.db, { storeId: agent.storeId!, createdById: agent.userId, createdAt: minutes(24 * 60 * 8), reference: "NEW-ZELDA", customerName: "Zelda Holm" });
    const page = await listHistory(agent, params({ q: "zelda" }), t.db);
    expect(refs(page)).toEqual(["NEW-ZELDA", "OLD-1"]);
    expect(page.total).toEqual({ value: 2, more: false, approximate: false });
  });
});
