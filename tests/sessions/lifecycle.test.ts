import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callbackSecret } from "@/lib/payment-links/callback-secret";
import { createPaymentLink, type StoreForLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { disablePaymentLink } from "@/lib/payment-links/disable";
import { resendPaymentLink } from "@/lib/payment-links/resend";
import { sendAnotherWay } from "@/lib/payment-links/send-another-way";
import { applyStatus, canMove } from "@/lib/payment-links/status";
import { handleStatusUpdate } from "@/lib/payment-links/callbacks";
import { refreshIfStale } from "@/lib/payment-links/refresh";
import { createPgliteDatabase, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import type { SandboxControl } from "../support/sandbox";
import { actorOf, eventually, formValues, rejection, SERVER_KEY, startHarness, storeOf } from "./harness";

describe("session lifecycle against the sandbox", () => {
  let t: TestDatabase;
  let harness: Awaited<ReturnType<typeof startHarness>>;
  let deps: LinkDeps;
  let control: SandboxControl;
  let store: StoreForLink;
  let agent: ReturnType<typeof actorOf>;

  beforeAll(async () => {
    t = await createPgliteDatabase();
    harness = await startHarness(t.db);
    deps = harness.deps;
    control = harness.control;
    const staff = await createStoreWithStaff(t.db);
    store = storeOf(staff.store);
    agent = actorOf(staff.agent);
  });
  afterAll(async () => {
    await harness.close();
    await t.drop();
  });
  beforeEach(async () => {
    await control.reset();
  });

  const sessionOf = (id: string) => t.db.paymentSession.findUniqueOrThrow({ where: { id }, include: { distributions: true, events: true } });

  it("the customer pays: the sandbox's status_update callback reaches the portal and the session shows Completed", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues());
    const session = await sessionOf(sessionId);
    await control.setStatus(session.providerSessionId!, "IN_PROGRESS");
    await control.setStatus(session.providerSessionId!, "COMPLETED");
    // The status is applied before the callback is recorded as seen: wait for both.
    const done = await eventually(() => sessionOf(sessionId), (s) => s.status === "COMPLETED" && s.events.some((e) => e.type === "CALLBACK_RECEIVED"));
    expect(done.status).toBe("COMPLETED");
    const changes = done.events.filter((e) => e.type === "STATUS_CHANGED").map((e) => [e.toStatus, e.source]);
    expect(changes).toContainEqual(["COMPLETED", "PROVIDER_CALLBACK"]);
    expect(done.events.filter((e) => e.type === "CALLBACK_RECEIVED").length).toBeGreaterThanOrEqual(1);
  });

  it("a callback with a wrong secret is refused and changes nothing", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const session = await sessionOf(sessionId);
    const payload = { event_id: randomUUID(), session: { session_id: session.providerSessionId, status: "COMPLETED" } };
    expect((await handleStatusUpdate(deps, sessionId, "guess", payload)).status).toBe(401);
    expect((await handleStatusUpdate(deps, sessionId, null, payload)).status).toBe(401);
    expect((await handleStatusUpdate(deps, randomUUID(), "guess", payload)).status).toBe(401);
    expect((await sessionOf(sessionId)).status).toBe("WAITING");
  });

  it("a callback's claim is checked with the provider before it is believed, and duplicates are ignored", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const session = await sessionOf(sessionId);
    const secret = callbackSecret(SERVER_KEY, sessionId, (await t.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: { callbackNonce: true } })).callbackNonce);
    // The payload claims COMPLETED, but the provider says the session is still WAITING.
    const forged = { event_id: randomUUID(), session: { session_id: session.providerSessionId, status: "COMPLETED" } };
    expect(await handleStatusUpdate(deps, sessionId, secret, forged)).toMatchObject({ status: 200 });
    expect((await sessionOf(sessionId)).status).toBe("WAITING");
    expect(await handleStatusUpdate(deps, sessionId, secret, forged)).toMatchObject({ status: 200, body: { duplicate: true } });
    expect((await handleStatusUpdate(deps, sessionId, secret, { event_id: "x" })).status).toBe(400);
    const other = { event_id: randomUUID(), session: { session_id: "someone-else", status: "WAITING" } };
    expect((await handleStatusUpdate(deps, sessionId, secret, other)).status).toBe(400);
  });

  it("asks the provider to retry when it cannot be read back", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const session = await sessionOf(sessionId);
    const secret = callbackSecret(SERVER_KEY, sessionId, (await t.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: { callbackNonce: true } })).callbackNonce);
    await control.fault({ operation: "getSessionById", count: 3, fault: "503" });
    const eventId = randomUUID();
    const payload = { event_id: eventId, session: { session_id: session.providerSessionId, status: "COMPLETED" } };
    expect((await handleStatusUpdate(deps, sessionId, secret, payload)).status).toBe(503);
    await control.setStatus(session.providerSessionId!, "COMPLETED");
    // The redelivery of the same event is processed, not dismissed as a duplicate.
    expect(await handleStatusUpdate(deps, sessionId, secret, payload)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await sessionOf(sessionId)).status).toBe("COMPLETED");
  });

  it("a final status never moves backwards", async () => {
    expect(canMove("COMPLETED", "WAITING")).toBe(false);
    expect(canMove("DISABLED", "IN_PROGRESS")).toBe(false);
    expect(canMove("CANCELLED", "COMPLETED")).toBe(false);
    expect(canMove("FAILED", "IN_PROGRESS")).toBe(true);
    expect(canMove("EXPIRED", "COMPLETED")).toBe(true);
    expect(canMove("EXPIRED", "WAITING")).toBe(false);
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    expect(await applyStatus(t.db, sessionId, "COMPLETED", "PROVIDER_POLL")).toBe(true);
    expect(await applyStatus(t.db, sessionId, "IN_PROGRESS", "PROVIDER_CALLBACK")).toBe(false);
    expect((await sessionOf(sessionId)).status).toBe("COMPLETED");
  });

  it("concurrent status updates record each change once", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const results = await Promise.all(Array.from({ length: 5 }, () => applyStatus(t.db, sessionId, "IN_PROGRESS", "PROVIDER_POLL")));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await sessionOf(sessionId)).events.filter((e) => e.toStatus === "IN_PROGRESS")).toHaveLength(1);
  });

  it("a stale session is refreshed from the provider when the page polls", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const session = await sessionOf(sessionId);
    await t.db.paymentSession.update({ where: { id: sessionId }, data: { callbackNonce: "callbacks-now-fail-verification" } });
    await control.setStatus(session.providerSessionId!, "CANCELLED");
    await refreshIfStale(deps, sessionId, 0);
    expect((await sessionOf(sessionId)).status).toBe("CANCELLED");
  });

  it("pollers share one provider look per interval, also while the provider is failing", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const looks = async () => (await control.requests("getSessionById")).length;
    const before = await looks();
    await Promise.all(Array.from({ length: 5 }, () => refreshIfStale(deps, sessionId, 60_000)));
    expect(await looks()).toBe(before + 1);

    await t.db.paymentSession.update({ where: { id: sessionId }, data: { lastSyncedAt: null } });
    await control.fault({ operation: "getSessionById", fault: "500", count: 10 });
    await refreshIfStale(deps, sessionId, 60_000);
    await refreshIfStale(deps, sessionId, 60_000);
    expect(await looks()).toBe(before + 2);
  });

  it("an expired link is marked Expired and cannot be resent", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues());
    const session = await sessionOf(sessionId);
    await control.expire(session.providerSessionId!);
    await t.db.paymentSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await refreshIfStale(deps, sessionId, 0);
    expect((await sessionOf(sessionId)).status).toBe("EXPIRED");
    const error = await rejection(resendPaymentLink(deps, agent, sessionId, randomUUID()));
    expect(error.code).toBe("NOT_SENDABLE");
    expect(error.message).toBe("This payment link has expired. Create a new payment link.");
  });

  it("Resend sends the same channel again once per click, and a double click sends once", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues());
    const providerId = (await sessionOf(sessionId)).providerSessionId!;
    const click = randomUUID();
    await Promise.all([resendPaymentLink(deps, agent, sessionId, click), resendPaymentLink(deps, agent, sessionId, click)]);
    await resendPaymentLink(deps, agent, sessionId, click);
    expect((await control.outbox(providerId)).map((m) => m.channel)).toEqual(["sms", "sms"]);
    await resendPaymentLink(deps, agent, sessionId, randomUUID());
    expect(await control.outbox(providerId)).toHaveLength(3);
    expect((await sessionOf(sessionId)).distributions.every((d) => d.outcome === "SENT")).toBe(true);
  });

  it("Send another way uses the same session and link, and is recorded with the agent", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues());
    const before = await sessionOf(sessionId);
    await sendAnotherWay(deps, agent, sessionId, { idempotencyKey: randomUUID(), channel: "email", customer: { email: "anna@example.com" } });
    const outbox = await control.outbox(before.providerSessionId!);
    expect(outbox.map((m) => [m.channel, m.link])).toEqual([
      ["sms", before.redirectUrl],
      ["email", before.redirectUrl],
    ]);
    const after = await sessionOf(sessionId);
    expect(after.distributions.map((d) => d.channel).sort()).toEqual(["EMAIL", "SMS"]);
    expect(after).toMatchObject({ lastChannel: "EMAIL", lastSendOutcome: "SENT" });
    // A later send that fails leaves the last one that reached the customer as the link's last send.
    await control.fault({ operation: "distributeHppSession", count: 1, fault: "error_code", status: 400, error_code: "BLACKLIST_REFUSED" });
    await expect(sendAnotherWay(deps, agent, sessionId, { idempotencyKey: randomUUID(), channel: "sms", customer: { phoneE164: "+46701234568", phoneCountry: "SE" } })).rejects.toMatchObject({ code: "BLACKLIST_REFUSED" });
    expect(await sessionOf(sessionId)).toMatchObject({ lastChannel: "EMAIL", lastSendOutcome: "SENT" });
    expect(after.events.filter((e) => e.type === "DISTRIBUTED").every((e) => e.actorId === agent.userId)).toBe(true);
    expect(await t.db.paymentSession.count({ where: { storeId: store.id, providerSessionId: before.providerSessionId } })).toBe(1);
  });

  it("a Klarna app token is passed through unaltered", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const accessId = "klarna:09f4a78d-d096-47d4-a0f6-abcf680c70fe";
    await sendAnotherWay(deps, agent, sessionId, { idempotencyKey: randomUUID(), channel: "token", customer: {}, accessId });
    const session = await sessionOf(sessionId);
    expect((await control.outbox(session.providerSessionId!)).map((m) => [m.channel, m.recipient])).toEqual([["token", accessId]]);
  });

  it("Disable link: the provider disables it, the portal records who; then nothing can be sent or disabled again", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues());
    await disablePaymentLink(deps, agent, sessionId);
    const session = await sessionOf(sessionId);
    expect(session.status).toBe("DISABLED");
    expect(session.events.find((e) => e.toStatus === "DISABLED")?.actorId).toBe(agent.userId);
    expect((await control.requests("disableHppSession")).map((r) => r.status)).toEqual([204]);
    expect((await rejection(disablePaymentLink(deps, agent, sessionId))).message).toBe("This payment link is already disabled.");
    expect((await rejection(resendPaymentLink(deps, agent, sessionId, randomUUID()))).message).toBe("This payment link was disabled.");
  });

  it("disabling a link the customer just paid reports it as paid and records Completed", async () => {
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, formValues({ channel: "link", customer: {} }));
    const session = await sessionOf(sessionId);
    // Paid at the provider; the callback has not arrived yet.
    await t.db.paymentSession.update({ where: { id: sessionId }, data: { callbackNonce: "callbacks-now-fail-verification" } });
    await control.setStatus(session.providerSessionId!, "COMPLETED");
    const error = await rejection(disablePaymentLink(deps, agent, sessionId));
    expect(error.code).toBe("ALREADY_COMPLETED");
    expect((await sessionOf(sessionId)).status).toBe("COMPLETED");
  });

  it("a payment platform link cannot be disabled, and says why", async () => {
    const staff = await createStoreWithStaff(t.db, { provider: "PAYMENT_PLATFORM" });
    const { linkId: sessionId } = await createPaymentLink(deps, actorOf(staff.agent), storeOf(staff.store), formValues({ channel: "link", customer: {} }));
    const error = await rejection(disablePaymentLink(deps, actorOf(staff.agent), sessionId));
    expect(error.message).toBe("This store's payment provider doesn't support disabling links.");
  });
});
