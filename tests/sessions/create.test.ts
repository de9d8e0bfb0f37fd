import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recoverInterrupted } from "@/lib/payment-links/recovery";
import { createPaymentLink, type StoreForLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import type { SandboxControl } from "../support/sandbox";
import { actorOf, eventually, formValues, rejection, startHarness, storeOf } from "./harness";

describe.each(DATABASE_KINDS)("create payment link on $kind, against the sandbox", ({ create }) => {
  let t: TestDatabase;
  let harness: Awaited<ReturnType<typeof startHarness>>;
  let deps: LinkDeps;
  let control: SandboxControl;
  let store: StoreForLink;
  let agent: ReturnType<typeof actorOf>;

  beforeAll(async () => {
    t = await create();
    harness = await startHarness(t.db, { timeoutMs: 1_000 });
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

  it("creates the order and HPP session, sends one SMS and records every step", async () => {
    const values = formValues({ merchantReference: `REF-${randomUUID().slice(0, 8)}` });
    const outcome = await createPaymentLink(deps, agent, store, values);
    expect(outcome.state).toBe("ready");

    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { id: outcome.linkId }, include: { distributions: true, events: true } });
    expect(session).toMatchObject({ status: "WAITING", amount: 2 * 34_950 + 3 * 4_900, currency: "SEK", merchantReference: values.merchantReference });
    expect(session.redirectUrl).toMatch(/\/pay\//);
    expect(session.sessionUrl).toContain(session.providerSessionId!);
    expect(session.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(session.distributions).toMatchObject([{ channel: "SMS", outcome: "SENT", recipient: "+46701234567", recipientMasked: "+46 70 ••• •• 67" }]);
    // The last send, stored on the link for the history list's Channel filter and the export.
    expect(session).toMatchObject({ lastChannel: "SMS", lastSendOutcome: "SENT" });
    expect(session.events.map((e) => e.type).sort()).toEqual(["CREATE_REQUESTED", "DISTRIBUTED", "SESSION_CREATED"]);

    const outbox = await control.outbox(session.providerSessionId!);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: "sms", recipient: "+46701234567", link: session.redirectUrl });
  });

  it("double submit, run concurrently: one session at the provider, one message", async () => {
    const values = formValues();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createPaymentLink(deps, agent, store, values)));
    const ids = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.linkId] : [])));
    expect(ids.size).toBe(1);
    expect(await t.db.paymentSession.count({ where: { idempotencyKey: values.idempotencyKey } })).toBe(1);
    const created = (await control.requests("createHppSession")).filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.idempotency_key)).size).toBe(1);
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } });
    expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
    // A late retry of the same submit changes nothing.
    await createPaymentLink(deps, agent, store, values);
    expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
  });

  it("rides out a 503 from the provider with the same idempotency key", async () => {
    await control.fault({ operation: "createHppSession", count: 1, fault: "503" });
    const outcome = await createPaymentLink(deps, agent, store, formValues());
    const calls = await control.requests("createHppSession");
    expect(calls.map((c) => c.status)).toEqual([503, 201]);
    expect(calls[0]!.idempotency_key).toBe(calls[1]!.idempotency_key);
    expect((await t.db.paymentSession.findUniqueOrThrow({ where: { id: outcome.linkId } })).status).toBe("WAITING");
  });

  it("a timeout leaves the intent recorded; submitting again finishes it without a second session", async () => {
    await control.fault({ operation: "createHppSession", count: 1, fault: "hang" });
    const values = formValues();
    const error = await rejection(createPaymentLink(deps, agent, store, values));
    expect(error.code).toBe("TIMEOUT");
    expect(error.retryable).toBe(true);
    expect(error.rotateKey).toBe(false);
    const pending = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } });
    expect(pending).toMatchObject({ status: "CREATING", lastErrorCode: "TIMEOUT", providerSessionId: null });

    const outcome = await createPaymentLink(deps, agent, store, values);
    expect(outcome.linkId).toBe(pending.id);
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { id: pending.id } });
    expect(session.status).toBe("WAITING");
    expect((await control.requests("createHppSession")).filter((r) => r.status === 201)).toHaveLength(1);
    expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
  });

  it("BLACKLIST_REFUSED: plain sentence on the email field; the corrected resubmit reuses the same session", async () => {
    const values = formValues({ channel: "email", customer: { email: "blocked@example.com" } });
    const error = await rejection(createPaymentLink(deps, agent, store, values));
    expect(error.code).toBe("BLACKLIST_REFUSED");
    expect(error.field).toBe("email");
    expect(error.message).toBe("This customer can't be sent a payment link. Ask for another contact or payment method.");
    expect(error.recordId).toBeDefined();
    expect(error.rotateKey).toBe(false);
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { id: error.recordId! }, include: { distributions: true } });
    expect(session.status).toBe("WAITING");
    expect(session.distributions).toMatchObject([{ outcome: "FAILED", errorCode: "BLACKLIST_REFUSED" }]);
    expect(session).toMatchObject({ lastChannel: "EMAIL", lastSendOutcome: "FAILED" });

    const again = await rejection(createPaymentLink(deps, agent, store, values));
    expect(again.code).toBe("BLACKLIST_REFUSED");
    expect((await control.requests("distributeHppSession")).length).toBe(1);

    const fixed = await createPaymentLink(deps, agent, store, { ...values, customer: { email: "anna@example.com" } });
    expect(fixed.linkId).toBe(session.id);
    expect((await control.outbox(session.providerSessionId!)).map((m) => m.recipient)).toEqual(["anna@example.com"]);
    expect(await t.db.paymentSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ lastChannel: "EMAIL", lastSendOutcome: "SENT" });
    expect(await t.db.paymentSession.count({ where: { idempotencyKey: values.idempotencyKey } })).toBe(1);
  });

  it("EMAIL_LIMIT_EXCEEDED in playground mode", async () => {
    await control.config({ environment: "playground", email_daily_limit: 1 });
    await createPaymentLink(deps, agent, store, formValues({ channel: "email", customer: { email: "first@example.com" } }));
    const error = await rejection(createPaymentLink(deps, agent, store, formValues({ channel: "email", customer: { email: "second@example.com" } })));
    expect(error.code).toBe("EMAIL_LIMIT_EXCEEDED");
    expect(error.field).toBe("email");
    expect(error.message).toMatch(/limit for test emails/);
  });

  it("SMS in playground mode answers BAD_GATEWAY on the phone field", async () => {
    await control.config({ environment: "playground" });
    const error = await rejection(createPaymentLink(deps, agent, store, formValues()));
    expect(error).toMatchObject({ code: "BAD_GATEWAY", field: "phone" });
  });

  it("a refused order leaves nothing payable and asks for a fresh submit", async () => {
    await control.fault({ operation: "createHppSession", count: 1, fault: "error_code", status: 400, error_code: "CONSTRAINT_VIOLATION" });
    const values = formValues();
    const error = await rejection(createPaymentLink(deps, agent, store, values));
    expect(error.rotateKey).toBe(true);
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey }, include: { distributions: true } });
    expect(session.status).toBe("CREATE_FAILED");
    expect(session.distributions).toMatchObject([{ outcome: "FAILED" }]);
    expect(session).toMatchObject({ lastChannel: "SMS", lastSendOutcome: "FAILED" });
    expect(await control.outbox()).toHaveLength(0);
  });

  it("a create refusal with no field goes to the top of the form, not under the order lines", async () => {
    await control.fault({ operation: "createHppSession", count: 1, fault: "error_code", status: 400, error_code: "UNKNOWN" });
    const values = formValues();
    const error = await rejection(createPaymentLink(deps, agent, store, values));
    expect(error).toMatchObject({ code: "UNKNOWN", rotateKey: true });
    expect(error.field).toBeUndefined();
    // Submitting the same form again reports the recorded refusal the same way.
    const again = await rejection(createPaymentLink(deps, agent, store, values));
    expect(again.field).toBeUndefined();
  });

  it.each([
    ["sms", { phoneE164: "+46701234567", phoneCountry: "SE" }, undefined, "phone"],
    ["email", { email: "anna@example.com" }, undefined, "email"],
    ["token", {}, "klarna:09f4a78d-d096-47d4-a0f6-abcf680c70fe", "accessId"],
  ] as const)("a create refusal about the contact lands on the %s channel's field", async (channel, customer, accessId, field) => {
    await control.fault({ operation: "createHppSession", count: 1, fault: "error_code", status: 400, error_code: "MISSING_CONTACT_DATA" });
    const values = formValues({ channel, customer, ...(accessId ? { accessId } : {}) });
    const error = await rejection(createPaymentLink(deps, agent, store, values));
    expect(error).toMatchObject({ code: "MISSING_CONTACT_DATA", field });
    expect((await rejection(createPaymentLink(deps, agent, store, values))).field).toBe(field);
  });

  it("a changed order under a used key is refused instead of silently ignored", async () => {
    const values = formValues({ channel: "qr", customer: {} });
    const { linkId: sessionId } = await createPaymentLink(deps, agent, store, values);
    const error = await rejection(createPaymentLink(deps, agent, store, { ...values, lines: [{ name: "Other", quantity: 1, unitPrice: 100, taxRate: 2500 }] }));
    expect(error).toMatchObject({ code: "ORDER_CHANGED", recordId: sessionId, rotateKey: true });
  });

  it("a key used by another agent is refused", async () => {
    const values = formValues({ channel: "link", customer: {} });
    await createPaymentLink(deps, agent, store, values);
    const other = await createStoreWithStaff(t.db);
    const error = await rejection(createPaymentLink(deps, actorOf(other.agent), storeOf(other.store), values));
    expect(error.code).toBe("FORM_REUSED");
  });

  it("crash between the provider's answer and the database write: recovery records the same session, nothing sent twice", async () => {
    const values = formValues();
    const crashing: LinkDeps = {
      ...deps,
      leaseMs: 1,
      crashPoint: (step) => {
        if (step === "afterProviderCreate") throw new Error("process died");
      },
    };
    await expect(createPaymentLink(crashing, agent, store, values)).rejects.toThrow("process died");
    const orphan = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } });
    expect(orphan).toMatchObject({ status: "CREATING", providerSessionId: null });
    const providerSessions = (await control.requests("createHppSession")).filter((r) => r.status === 201);
    expect(providerSessions).toHaveLength(1);

    const later = { ...deps, now: () => new Date(Date.now() + 120_000) };
    const report = await recoverInterrupted(later);
    expect(report).toMatchObject({ sessionsResumed: 1, sendsResumed: 1, failed: 0 });

    const recovered = await t.db.paymentSession.findUniqueOrThrow({ where: { id: orphan.id }, include: { distributions: true, events: true } });
    expect(recovered.status).toBe("WAITING");
    const outbox = await control.outbox(recovered.providerSessionId!);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.link).toBe(recovered.redirectUrl);
    expect(recovered.distributions).toMatchObject([{ outcome: "SENT" }]);
    expect(recovered.events.filter((e) => e.source === "RECOVERY").map((e) => e.type).sort()).toEqual(["DISTRIBUTED", "SESSION_CREATED"]);
    // Exactly the one provider session the crashed run made: the replay returned it.
    expect(new Set((await control.requests("createHppSession")).map((r) => r.idempotency_key)).size).toBe(1);
  });

  it("crash right after the provider sent the SMS: recovery marks it sent without a second SMS", async () => {
    const values = formValues();
    const crashing: LinkDeps = {
      ...deps,
      leaseMs: 1,
      crashPoint: (step) => {
        if (step === "afterProviderDistribute") throw new Error("process died");
      },
    };
    await expect(createPaymentLink(crashing, agent, store, values)).rejects.toThrow("process died");
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey }, include: { distributions: true } });
    expect(session.status).toBe("WAITING");
    expect(session.distributions).toMatchObject([{ outcome: "PENDING" }]);
    expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);

    const report = await recoverInterrupted({ ...deps, now: () => new Date(Date.now() + 120_000) });
    expect(report.sendsResumed).toBe(1);
    expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
    const after = await t.db.distribution.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(after.outcome).toBe("SENT");
  });

  it("recovery run by two workers at once does each job once", async () => {
    const values = formValues();
    const crashing: LinkDeps = { ...deps, leaseMs: 1, crashPoint: () => { throw new Error("process died"); } };
    await expect(createPaymentLink(crashing, agent, store, values)).rejects.toThrow("process died");
    const later = { ...deps, now: () => new Date(Date.now() + 120_000) };
    const [a, b] = await Promise.all([recoverInterrupted(later), recoverInterrupted(later)]);
    expect(a.sessionsResumed + b.sessionsResumed).toBe(1);
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } });
    await eventually(() => control.outbox(session.providerSessionId!), (m) => m.length >= 1);
    expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
  });

  it("payment platform store: the link is created and shown; the provider is never asked to send", async () => {
    const staff = await createStoreWithStaff(t.db, { provider: "PAYMENT_PLATFORM" });
    const outcome = await createPaymentLink(deps, actorOf(staff.agent), storeOf(staff.store), formValues({ channel: "qr", customer: {} }));
    const session = await t.db.paymentSession.findUniqueOrThrow({ where: { id: outcome.linkId }, include: { distributions: true } });
    expect(session).toMatchObject({ status: "WAITING", provider: "PAYMENT_PLATFORM" });
    expect(session.redirectUrl).toMatch(/\/hpp\/payment\//);
    expect(session.distributions).toMatchObject([{ channel: "QR", outcome: "SENT" }]);
    expect(await control.requests("distributeHppSession")).toHaveLength(0);
  });
});
