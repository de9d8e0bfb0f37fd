import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPaymentLink } from "@/lib/payment-links/create";
import { dismissLink } from "@/lib/payment-links/follow-up/dismiss";
import { followUpGroupOf, type FollowUpGroup } from "@/lib/payment-links/follow-up/groups";
import { getWorklist } from "@/lib/payment-links/follow-up/worklist";
import type { Actor } from "@/lib/auth/authorize";
import { DATABASE_KINDS } from "../support/database";
import { eventually, formValues, sessionSuite } from "../sessions/harness";
import { at, freshStore, minutes } from "./helpers";

const HOUR = minutes(60);

describe("followUpGroupOf", () => {
  const created = new Date("2026-12-01T10:00:00Z");
  const link = (over: Partial<Parameters<typeof followUpGroupOf>[0]> = {}) => ({
    status: "WAITING" as const,
    createdAt: created,
    expiresAt: at(created, 47 * HOUR),
    sends: { sent: 1, pending: 0, failed: 0 },
    ...over,
  });

  it("Unpaid only once more than the threshold has passed", () => {
    expect(followUpGroupOf(link(), at(created, minutes(30)), 30)).toBeNull();
    expect(followUpGroupOf(link(), at(created, minutes(30) + 1), 30)).toBe("UNPAID");
    expect(followUpGroupOf(link(), at(created, minutes(45)), 60)).toBeNull();
  });

  it("Expiring soon from 6 hours before expiry, Expired unpaid from the expiry itself", () => {
    const expiresAt = at(created, 47 * HOUR);
    expect(followUpGroupOf(link(), at(expiresAt, -6 * HOUR - 1), 30)).toBe("UNPAID");
    expect(followUpGroupOf(link(), at(expiresAt, -6 * HOUR), 30)).toBe("EXPIRING_SOON");
    expect(followUpGroupOf(link(), at(expiresAt, -1), 30)).toBe("EXPIRING_SOON");
    expect(followUpGroupOf(link(), expiresAt, 30)).toBe("EXPIRED_UNPAID");
    expect(followUpGroupOf(link({ status: "EXPIRED" }), at(created, minutes(1)), 30)).toBe("EXPIRED_UNPAID");
  });

  it("Not sent, Failed or cancelled, and nothing for paid or disabled links", () => {
    const now = at(created, minutes(5));
    expect(followUpGroupOf(link({ sends: { sent: 0, pending: 0, failed: 2 } }), now, 30)).toBe("NOT_SENT");
    expect(followUpGroupOf(link({ sends: { sent: 0, pending: 1, failed: 1 } }), now, 30)).toBeNull();
    expect(followUpGroupOf(link({ status: "CREATE_FAILED" }), now, 30)).toBe("NOT_SENT");
    expect(followUpGroupOf(link({ status: "CANCELLED" }), now, 30)).toBe("FAILED_OR_CANCELLED");
    expect(followUpGroupOf(link({ status: "FAILED" }), now, 30)).toBe("FAILED_OR_CANCELLED");
    expect(followUpGroupOf(link({ status: "COMPLETED" }), now, 30)).toBeNull();
    expect(followUpGroupOf(link({ status: "DISABLED" }), now, 30)).toBeNull();
  });
});

describe.each(DATABASE_KINDS)("follow-up worklist on $kind, against the sandbox", ({ create }) => {
  const suite = sessionSuite(create);
  const groupOf = async (actor: Actor, linkId: string, now: Date, storeId?: string): Promise<FollowUpGroup | null> => {
    const worklist = await getWorklist(suite.t.db, actor, { now, ...(storeId ? { storeId } : {}) });
    return worklist.groups.find((g) => g.rows.some((r) => r.id === linkId))?.key ?? null;
  };
  const linkOf = (id: string) => suite.t.db.paymentSession.findUniqueOrThrow({ where: { id } });

  it("puts an open link in Unpaid, Expiring soon and Expired unpaid at the boundaries, by the sandbox's expiry", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues());
    const link = await linkOf(linkId);
    expect(link.expiresAt).not.toBeNull();
    const expiresAt = link.expiresAt!;
    expect(await groupOf(agent, linkId, at(link.createdAt, minutes(30)))).toBeNull();
    expect(await groupOf(agent, linkId, at(link.createdAt, minutes(30) + 1))).toBe("UNPAID");
    expect(await groupOf(agent, linkId, at(expiresAt, -6 * HOUR - 1))).toBe("UNPAID");
    expect(await groupOf(agent, linkId, at(expiresAt, -6 * HOUR))).toBe("EXPIRING_SOON");
    expect(await groupOf(agent, linkId, expiresAt)).toBe("EXPIRED_UNPAID");

    const worklist = await getWorklist(suite.t.db, agent, { now: at(link.createdAt, HOUR) });
    const row = worklist.groups.find((g) => g.key === "UNPAID")!.rows[0]!;
    expect(row).toMatchObject({ merchantReference: link.merchantReference, customer: "+46 70 ••• •• 67", lastChannel: "sms", canSend: true });
    expect(row.lastSend).toMatchObject({ channelLabel: "SMS", outcome: "SENT" });
    expect(JSON.stringify(worklist)).not.toContain("+46701234567");
    expect(worklist.total).toBe(1);
  });

  it("follows the store's unpaid threshold", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    await suite.t.db.store.update({ where: { id: store.id }, data: { unpaidAfterMinutes: 60 } });
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues());
    const createdAt = (await linkOf(linkId)).createdAt;
    expect(await groupOf(agent, linkId, at(createdAt, minutes(45)))).toBeNull();
    expect(await groupOf(agent, linkId, at(createdAt, minutes(60) + 1))).toBe("UNPAID");
  });

  it("lists a link whose every send was refused under Not sent", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    await suite.control.config({ refused_contacts: ["+46701234567"] });
    const linkId = await createPaymentLink(suite.deps, agent, store, formValues()).then(
      () => null,
      (error: { recordId?: string }) => error.recordId ?? null,
    );
    expect(linkId).not.toBeNull();
    expect(await groupOf(agent, linkId!, new Date())).toBe("NOT_SENT");
  });

  it("lists a link the customer cancelled under Failed or cancelled, and no longer once dismissed", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues());
    await suite.control.setStatus((await linkOf(linkId)).providerSessionId!, "CANCELLED");
    await eventually(() => linkOf(linkId), (l) => l.status === "CANCELLED");
    expect(await groupOf(agent, linkId, new Date())).toBe("FAILED_OR_CANCELLED");

    await dismissLink(suite.deps, agent, linkId, "CUSTOMER_DECLINED");
    expect(await groupOf(agent, linkId, new Date())).toBeNull();
    const event = await suite.t.db.sessionEvent.findFirstOrThrow({ where: { sessionId: linkId, type: "DISMISSED" } });
    expect(event).toMatchObject({ actorId: agent.userId, detail: { reason: "CUSTOMER_DECLINED" } });
    await expect(dismissLink(suite.deps, agent, linkId, "OTHER")).rejects.toMatchObject({ code: "ALREADY_DISMISSED" });
    expect((await linkOf(linkId)).status).toBe("CANCELLED");
  });

  it("keeps an ended link for a week from its end, to the minute, whatever the process's time zone", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues({ idempotencyKey: randomUUID() }));
    await suite.control.setStatus((await linkOf(linkId)).providerSessionId!, "CANCELLED");
    const ended = (await eventually(() => linkOf(linkId), (l) => l.status === "CANCELLED")).statusChangedAt;
    const week = 7 * 24 * HOUR;
    expect(await groupOf(agent, linkId, at(ended, week - minutes(1)))).toBe("FAILED_OR_CANCELLED");
    expect(await groupOf(agent, linkId, at(ended, week + minutes(1)))).toBeNull();
  });

  it("shows each store only its own links; admins see every store or the one they pick", async () => {
    const mine = await freshStore(suite.t.db);
    const theirs = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, theirs.agent, theirs.store, formValues({ idempotencyKey: randomUUID() }));
    const later = at(new Date(), HOUR);
    expect(await groupOf(mine.agent, linkId, later)).toBeNull();
    expect(await groupOf(theirs.manager, linkId, later)).toBe("UNPAID");
    expect(await groupOf(mine.admin, linkId, later)).toBe("UNPAID");
    expect(await groupOf(mine.admin, linkId, later, theirs.store.id)).toBe("UNPAID");
    expect(await groupOf(mine.admin, linkId, later, mine.store.id)).toBeNull();
  });
});
