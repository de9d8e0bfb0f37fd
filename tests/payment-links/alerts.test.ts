import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SettledAlert } from "@/lib/alerts/alert";
import { AlertHub } from "@/lib/alerts/hub";
import { createPaymentLink } from "@/lib/payment-links/create";
import { applyStatus } from "@/lib/payment-links/status";
import { createPgliteDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, formValues, sessionSuite } from "../sessions/harness";

describe("paid alerts: one shared look at the database for every tab", () => {
  const suite = sessionSuite(createPgliteDatabase);
  let hub: AlertHub;
  beforeAll(() => {
    // A long poll interval: the test drives each look itself.
    hub = new AlertHub(suite.t.db, { pollMs: 3_600_000, overlapMs: 10_000, keepMs: 120_000 });
  });
  afterAll(() => hub.stop());

  it("tells every tab of the link's creator once, nobody else's tabs, with one query per look however many tabs listen", async () => {
    const other = actorOf((await createStoreWithStaff(suite.t.db)).agent);
    const mine: SettledAlert[][] = Array.from({ length: 50 }, () => []);
    const theirs: SettledAlert[] = [];
    mine.forEach((inbox) => hub.subscribe(suite.agent.userId, (alert) => inbox.push(alert)));
    hub.subscribe(other.userId, (alert) => theirs.push(alert));
    await hub.tick();

    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues({ channel: "link", customer: {} }));
    const before = hub.queries;
    await applyStatus(suite.t.db, linkId, "IN_PROGRESS", "PROVIDER_CALLBACK");
    await hub.tick();
    expect(mine.every((inbox) => inbox.length === 0)).toBe(true);
    await applyStatus(suite.t.db, linkId, "COMPLETED", "PROVIDER_CALLBACK");
    await hub.tick();
    await hub.tick();
    expect(hub.queries - before).toBe(3);
    for (const inbox of mine) expect(inbox.map((a) => [a.linkId, a.status, a.statusLabel])).toEqual([[linkId, "COMPLETED", "Completed"]]);
    expect(theirs).toEqual([]);
  });

  it("catches a change committed after a look although its time is earlier, and replays the last minute to a reconnecting tab", async () => {
    const inbox: SettledAlert[] = [];
    hub.subscribe(suite.agent.userId, (alert) => inbox.push(alert));
    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues({ channel: "link", customer: {} }));
    await hub.tick();
    // Its status time is 3 s before the last look, as when a slow transaction commits late.
    await applyStatus(suite.t.db, linkId, "FAILED", "PROVIDER_CALLBACK", { now: new Date(Date.now() - 3_000) });
    await hub.tick();
    expect(inbox.map((a) => [a.linkId, a.status])).toEqual([[linkId, "FAILED"]]);

    const reconnected: SettledAlert[] = [];
    hub.subscribe(suite.agent.userId, (alert) => reconnected.push(alert), new Date(Date.now() - 60_000));
    expect(reconnected.map((a) => a.linkId)).toContain(linkId);
  });
});
