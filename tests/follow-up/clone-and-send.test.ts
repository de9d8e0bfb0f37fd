import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPaymentLink } from "@/lib/payment-links/create";
import { cloneAndSend } from "@/lib/payment-links/follow-up/clone-and-send";
import { getWorklist } from "@/lib/payment-links/follow-up/worklist";
import { eventLabel } from "@/lib/payment-links/messages";
import { DATABASE_KINDS } from "../support/database";
import { formValues, rejection, sessionSuite } from "../sessions/harness";
import { freshStore } from "./helpers";

describe.each(DATABASE_KINDS)("Clone and send on $kind, against the sandbox", ({ create }) => {
  const suite = sessionSuite(create);
  const linkOf = (id: string) =>
    suite.t.db.paymentSession.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { createdAt: "asc" } }, clone: true } });
  const clonesOf = (id: string) => suite.t.db.paymentSession.count({ where: { clonedFromId: id } });

  it("disables the live link first, then creates and sends exactly one new link; each history names the other", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId: oldId } = await createPaymentLink(suite.deps, agent, store, formValues());
    const key = randomUUID();
    const { linkId: newId } = await cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: key, channel: "sms" });

    const [old, fresh] = await Promise.all([linkOf(oldId), linkOf(newId)]);
    expect(old.status).toBe("DISABLED");
    expect(fresh).toMatchObject({ status: "WAITING", clonedFromId: oldId, amount: old.amount, customerPhone: old.customerPhone, customerName: old.customerName });
    expect(fresh.orderLines).toEqual(old.orderLines);
    expect(fresh.merchantReference).not.toBe(old.merchantReference);
    expect((await suite.control.outbox(fresh.providerSessionId!)).map((m) => m.channel)).toEqual(["sms"]);
    expect((await suite.control.requests("disableHppSession")).map((r) => r.status)).toEqual([204]);

    const labels = (events: typeof old.events) => events.map((e) => eventLabel(e as never)).filter(Boolean);
    expect(labels(old.events)).toContain(`Re-issued as ${fresh.merchantReference} (Clone and send)`);
    expect(labels(fresh.events)).toContain(`Re-issue of ${old.merchantReference} (Clone and send)`);

    // The same click again resumes its own clone; another click is refused: a link is re-issued once.
    expect((await cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: key, channel: "sms" })).linkId).toBe(newId);
    expect(await suite.control.outbox(fresh.providerSessionId!)).toHaveLength(1);
    expect((await rejection(cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: randomUUID(), channel: "sms" }))).code).toBe("ALREADY_REISSUED");
    expect(await clonesOf(oldId)).toBe(1);

    const worklist = await getWorklist(suite.t.db, agent, { now: new Date(Date.now() + 3_600_000) });
    const listed = worklist.groups.flatMap((g) => g.rows.map((r) => r.id));
    expect(listed).not.toContain(oldId);
  });

  it("two agents cloning the same link at once: one new link, the other is told it was re-issued", async () => {
    const { store, agent, manager } = await freshStore(suite.t.db);
    const { linkId: oldId } = await createPaymentLink(suite.deps, agent, store, formValues({ channel: "link", customer: {} }));
    const results = await Promise.allSettled([
      cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: randomUUID(), channel: "qr" }),
      cloneAndSend(suite.deps, manager, oldId, { idempotencyKey: randomUUID(), channel: "qr" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await clonesOf(oldId)).toBe(1);
  });

  it("the customer paid meanwhile: the provider refuses the disable, no clone is created and the agent is told they paid", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId: oldId } = await createPaymentLink(suite.deps, agent, store, formValues());
    const old = await linkOf(oldId);
    // Paid at the provider; the callback has not reached the portal.
    await suite.t.db.paymentSession.update({ where: { id: oldId }, data: { callbackNonce: "callbacks-now-fail-verification" } });
    await suite.control.setStatus(old.providerSessionId!, "COMPLETED");
    const before = await suite.control.outbox();

    const error = await rejection(cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: randomUUID(), channel: "sms" }));
    expect(error.code).toBe("CLONE_PAID");
    expect(error.message).toBe("The customer has paid this link meanwhile, so no new link was created.");
    expect((await linkOf(oldId)).status).toBe("COMPLETED");
    expect(await clonesOf(oldId)).toBe(0);
    expect(await suite.control.outbox()).toHaveLength(before.length);
  });

  it("the provider is down: the old link stays as it was, nothing new is created or sent, and the agent is told why", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId: oldId } = await createPaymentLink(suite.deps, agent, store, formValues());
    await suite.control.fault({ operation: "disableHppSession", fault: "503", count: 10 });
    const before = await suite.control.outbox();
    const linksBefore = await suite.t.db.paymentSession.count({ where: { storeId: store.id } });

    const error = await rejection(cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: randomUUID(), channel: "sms" }));
    expect(error.code).toBe("CLONE_DISABLE_FAILED");
    expect(error.message).toMatch(/could not be disabled .* no new link was created or sent/);
    expect((await linkOf(oldId)).status).toBe("WAITING");
    expect(await suite.t.db.paymentSession.count({ where: { storeId: store.id } })).toBe(linksBefore);
    expect(await suite.control.outbox()).toHaveLength(before.length);
    expect((await suite.control.requests("createHppSession")).length).toBe(1);
  });

  it("an expired link is cloned without asking the provider to disable it", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId: oldId } = await createPaymentLink(suite.deps, agent, store, formValues());
    await suite.t.db.paymentSession.update({ where: { id: oldId }, data: { status: "EXPIRED", expiresAt: new Date(Date.now() - 1000) } });
    const { linkId: newId } = await cloneAndSend(suite.deps, agent, oldId, { idempotencyKey: randomUUID(), channel: "sms" });
    expect((await linkOf(newId)).status).toBe("WAITING");
    expect(await suite.control.requests("disableHppSession")).toHaveLength(0);
  });
});
