import { describe, expect, it } from "vitest";
import { createPaymentLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { dismissLink } from "@/lib/payment-links/follow-up/dismiss";
import { eventLabel } from "@/lib/payment-links/messages";
import { sendDueReminders } from "@/lib/payment-links/reminders";
import { DATABASE_KINDS } from "../support/database";
import { eventually, formValues, sessionSuite } from "../sessions/harness";
import { at, freshStore, minutes } from "./helpers";

describe.each(DATABASE_KINDS)("reminders on $kind, against the sandbox", ({ create }) => {
  const suite = sessionSuite(create);
  const linkOf = (id: string) => suite.t.db.paymentSession.findUniqueOrThrow({ where: { id }, include: { events: true, distributions: true } });
  const depsAt = (now: Date): LinkDeps => ({ ...suite.deps, now: () => now });

  async function remindedLink(options: { delayMinutes?: number } = {}) {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, agent, { ...store, reminderDelayMinutes: options.delayMinutes ?? 240 }, formValues({ remind: true }));
    const link = await linkOf(linkId);
    return { link, agent, outbox: () => suite.control.outbox(link.providerSessionId!) };
  }

  it("sends exactly one reminder by the same channel once the store's delay has passed, as the system for the agent", async () => {
    const { link, agent, outbox } = await remindedLink();
    expect(Math.abs(link.remindAt!.getTime() - at(link.createdAt, minutes(240)).getTime())).toBeLessThan(10_000);
    expect(await sendDueReminders(depsAt(at(link.createdAt, minutes(239))))).toMatchObject({ sent: 0 });
    expect(await outbox()).toHaveLength(1);

    expect(await sendDueReminders(depsAt(at(link.createdAt, minutes(241))))).toMatchObject({ sent: 1 });
    expect(await sendDueReminders(depsAt(at(link.createdAt, minutes(300))))).toMatchObject({ sent: 0 });
    expect((await outbox()).map((m) => [m.channel, m.recipient])).toEqual([
      ["sms", "+46701234567"],
      ["sms", "+46701234567"],
    ]);
    const after = await linkOf(link.id);
    expect(after.remindAt).toBeNull();
    const requested = after.events.find((e) => e.type === "SEND_REQUESTED");
    expect(requested).toMatchObject({ source: "RECOVERY", actorId: agent.userId });
    expect(eventLabel(requested as never)).toBe("Reminder sent by the system on behalf of the agent: SMS to +46 70 ••• •• 67");
    expect(after.distributions.filter((d) => d.outcome === "SENT")).toHaveLength(2);
  });

  it("two job runners at once send it once", async () => {
    const { link, outbox } = await remindedLink({ delayMinutes: 15 });
    const later = depsAt(at(link.createdAt, minutes(16)));
    const reports = await Promise.all([sendDueReminders(later), sendDueReminders(later), sendDueReminders(later)]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(await outbox()).toHaveLength(2);
  });

  it("never after the link was dismissed", async () => {
    const { link, agent, outbox } = await remindedLink();
    await dismissLink(suite.deps, agent, link.id, "PAID_ANOTHER_WAY");
    expect(await sendDueReminders(depsAt(at(link.createdAt, minutes(241))))).toMatchObject({ sent: 0 });
    expect(await outbox()).toHaveLength(1);
  });

  it("never after the customer paid", async () => {
    const { link, outbox } = await remindedLink();
    await suite.control.setStatus(link.providerSessionId!, "COMPLETED");
    await eventually(() => linkOf(link.id), (l) => l.status === "COMPLETED");
    expect(await sendDueReminders(depsAt(at(link.createdAt, minutes(241))))).toMatchObject({ sent: 0 });
    expect(await outbox()).toHaveLength(1);
    expect((await linkOf(link.id)).remindAt).toBeNull();
  });

  it("not when the link expires within the hour", async () => {
    const { link, outbox } = await remindedLink();
    const dueAt = at(link.expiresAt!, -minutes(59));
    await suite.t.db.paymentSession.update({ where: { id: link.id }, data: { remindAt: at(dueAt, -1000) } });
    expect(await sendDueReminders(depsAt(dueAt))).toMatchObject({ sent: 0 });
    expect(await outbox()).toHaveLength(1);
  });

  it("no reminder unless asked for on the form", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues());
    expect((await linkOf(linkId)).remindAt).toBeNull();
  });
});
