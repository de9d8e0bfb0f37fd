import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authorize";
import type { HppProvider } from "@/lib/hpp";
import { findLinkInScope } from "@/lib/payment-links/access";
import { callbackSecret } from "@/lib/payment-links/callback-secret";
import { PROVIDER_PENDING_MESSAGE } from "@/lib/payment-links/messages";
import { recoverInterrupted } from "@/lib/payment-links/recovery";
import { createPaymentLink, type StoreForLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { disablePaymentLink } from "@/lib/payment-links/disable";
import { leaseMsFor } from "@/lib/payment-links/lease";
import { resendPaymentLink } from "@/lib/payment-links/resend";
import { sendAnotherWay } from "@/lib/payment-links/send-another-way";
import { applyStatus } from "@/lib/payment-links/status";
import type { PhoneCountry } from "@/lib/validation/phone";
import { handleStatusUpdate } from "@/lib/payment-links/callbacks";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import type { SandboxControl } from "../support/sandbox";
import { actorOf, formValues, rejection, SERVER_KEY, sessionSuite } from "./harness";

/** The real sandbox client with one method run through `override` (which may call the real one). */
function withProvider(deps: LinkDeps, override: (real: HppProvider) => Partial<HppProvider>): LinkDeps {
  return {
    ...deps,
    provider: (kind) => {
      const real = deps.provider(kind);
      return Object.assign(Object.create(real) as HppProvider, override(real));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const later = (deps: LinkDeps): LinkDeps => ({ ...deps, now: () => new Date(Date.now() + 600_000) });

describe.each(DATABASE_KINDS)("send and status safety on $kind, against the sandbox", ({ create }) => {
  const suite = sessionSuite(create, { timeoutMs: 500 });
  let t: TestDatabase, deps: LinkDeps, control: SandboxControl, store: StoreForLink, agent: Actor;
  beforeEach(() => ({ t, deps, control, store, agent } = suite));

  const sessionOf = (idempotencyKey: string) =>
    t.db.paymentSession.findUniqueOrThrow({
      where: { idempotencyKey },
      include: { distributions: { orderBy: { createdAt: "asc" } }, events: { orderBy: { createdAt: "asc" } } },
    });

  describe("a changed channel under the same form supersedes the unanswered send", () => {
    it("session creation timed out, agent switches SMS → email: recovery delivers only the email", async () => {
      await control.fault({ operation: "createHppSession", count: 2, fault: "hang" });
      const values = formValues();
      const first = await rejection(createPaymentLink(deps, agent, store, values));
      expect(first).toMatchObject({ code: "TIMEOUT", retryable: true, field: undefined, message: PROVIDER_PENDING_MESSAGE });
      expect(first.recordId).toBeDefined();

      const email = { ...values, channel: "email" as const, customer: { ...values.customer, email: "anna@example.com" } };
      const second = await rejection(createPaymentLink(deps, agent, store, email));
      expect(second).toMatchObject({ code: "TIMEOUT", retryable: true, recordId: first.recordId });

      const pending = await sessionOf(values.idempotencyKey);
      expect(pending.status).toBe("CREATING");
      expect(pending.distributions.map((d) => [d.channel, d.outcome, d.errorCode])).toEqual([
        ["SMS", "FAILED", "SUPERSEDED"],
        ["EMAIL", "PENDING", null],
      ]);
      const superseded = pending.events.find((e) => e.type === "DISTRIBUTION_SUPERSEDED");
      expect(superseded).toMatchObject({ actorId: agent.userId, detail: { channel: "SMS", code: "SUPERSEDED" } });

      const report = await recoverInterrupted(later(deps));
      expect(report).toMatchObject({ sessionsResumed: 1, sendsResumed: 1 });
      const done = await sessionOf(values.idempotencyKey);
      expect((await control.outbox(done.providerSessionId!)).map((m) => m.channel)).toEqual(["email"]);
      // Recovery delivered it on behalf of the agent who asked.
      expect(done.events.find((e) => e.type === "DISTRIBUTED")).toMatchObject({ source: "RECOVERY", actorId: agent.userId });
    });

    it("the SMS send timed out after the session was created: the resubmit by email is the only message", async () => {
      await control.fault({ operation: "distributeHppSession", count: 1, fault: "hang" });
      const values = formValues();
      const first = await rejection(createPaymentLink(deps, agent, store, values));
      expect(first).toMatchObject({ retryable: true, message: PROVIDER_PENDING_MESSAGE });

      await createPaymentLink(deps, agent, store, { ...values, channel: "email", customer: { ...values.customer, email: "anna@example.com" } });
      await recoverInterrupted(later(deps));
      const session = await sessionOf(values.idempotencyKey);
      expect((await control.outbox(session.providerSessionId!)).map((m) => m.channel)).toEqual(["email"]);
      expect(session.distributions.map((d) => [d.channel, d.outcome])).toEqual([
        ["SMS", "FAILED"],
        ["EMAIL", "SENT"],
      ]);
    });

    it("switching back to the first channel sends that one after all, and only it", async () => {
      await control.fault({ operation: "createHppSession", count: 3, fault: "hang" });
      const values = formValues();
      const email = { ...values, channel: "email" as const, customer: { ...values.customer, email: "anna@example.com" } };
      await rejection(createPaymentLink(deps, agent, store, values));
      await rejection(createPaymentLink(deps, agent, store, email));
      await rejection(createPaymentLink(deps, agent, store, values));
      await recoverInterrupted(later(deps));
      const session = await sessionOf(values.idempotencyKey);
      expect((await control.outbox(session.providerSessionId!)).map((m) => m.channel)).toEqual(["sms"]);
      expect(session.distributions.map((d) => [d.channel, d.outcome])).toEqual([
        ["SMS", "FAILED"],
        ["EMAIL", "FAILED"],
        ["SMS", "SENT"],
      ]);
      // A retry of that same choice is the same send, not a third generation.
      await createPaymentLink(deps, agent, store, values);
      expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
    });

    it("the same intent resubmitted supersedes nothing", async () => {
      await control.fault({ operation: "distributeHppSession", count: 1, fault: "hang" });
      const values = formValues();
      await rejection(createPaymentLink(deps, agent, store, values));
      await createPaymentLink(deps, agent, store, values);
      const session = await sessionOf(values.idempotencyKey);
      expect(session.distributions.map((d) => d.outcome)).toEqual(["SENT"]);
      expect(await control.outbox(session.providerSessionId!)).toHaveLength(1);
    });
  });

  describe("a final status is never overwritten by a late writer", () => {
    it("another worker and the callback finished first: the slow worker's success write changes nothing", async () => {
      const values = formValues({ channel: "link", customer: {} });
      const otherId = randomUUID();
      const slow: LinkDeps = {
        ...deps,
        crashPoint: async (step) => {
          if (step !== "afterProviderCreate") return;
          // Meanwhile: a recovery worker recorded the session and the customer paid.
          const session = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } });
          await t.db.paymentSession.update({ where: { id: session.id }, data: { status: "WAITING", providerSessionId: otherId } });
          await applyStatus(t.db, session.id, "COMPLETED", "PROVIDER_CALLBACK");
        },
      };
      const error = await rejection(createPaymentLink(slow, agent, store, values));
      expect(error.code).toBe("NOT_SENDABLE");
      const session = await sessionOf(values.idempotencyKey);
      expect(session.status).toBe("COMPLETED");
      expect(session.providerSessionId).toBe(otherId);
      expect(session.events.filter((e) => e.type === "SESSION_CREATED")).toHaveLength(0);
    });

    it("a late refusal does not mark a session another worker created as failed", async () => {
      const values = formValues({ channel: "link", customer: {} });
      await control.fault({ operation: "createHppSession", count: 1, fault: "error_code", status: 400, error_code: "CONSTRAINT_VIOLATION" });
      const racing = withProvider(deps, (real) => ({
        createSession: async (input) => {
          const session = await t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } });
          await t.db.paymentSession.update({ where: { id: session.id }, data: { status: "WAITING", providerSessionId: randomUUID(), redirectUrl: "http://x/pay/1" } });
          await applyStatus(t.db, session.id, "COMPLETED", "PROVIDER_CALLBACK");
          return real.createSession(input);
        },
      }));
      await rejection(createPaymentLink(racing, agent, store, values));
      const session = await sessionOf(values.idempotencyKey);
      expect(session.status).toBe("COMPLETED");
      expect(session.events.filter((e) => e.type === "CREATE_FAILED")).toHaveLength(0);
    });

    it("the lease is renewed while a slow provider call runs, so no second worker takes the session over", async () => {
      const values = formValues({ channel: "link", customer: {} });
      const shortLease: LinkDeps = withProvider({ ...deps, leaseMs: 1_200 }, (real) => ({
        createSession: async (input) => {
          await sleep(2_500);
          return real.createSession(input);
        },
      }));
      const slowRun = createPaymentLink(shortLease, agent, store, values);
      await sleep(1_700);
      // Past the first lease's end: only the renewal keeps this worker the holder.
      const report = await recoverInterrupted({ ...deps, leaseMs: 1_200 }, { staleMs: 0 });
      expect(report.sessionsResumed).toBe(0);
      await slowRun;
      const session = await sessionOf(values.idempotencyKey);
      expect(session.status).toBe("WAITING");
      expect(session.events.filter((e) => e.type === "SESSION_CREATED")).toHaveLength(1);
      expect((await control.requests("createHppSession")).filter((r) => r.status === 201)).toHaveLength(1);
    });

    it("the default lease outlasts the slowest allowed provider chain", () => {
      expect(leaseMsFor(10_000)).toBeGreaterThan(2 * 3 * 10_000);
      expect(leaseMsFor(120_000)).toBeGreaterThan(2 * 3 * 120_000);
    });
  });

  describe("status callbacks while the session is being created", () => {
    it("answer 503 without consuming the event, so the redelivery is processed", async () => {
      await control.fault({ operation: "createHppSession", count: 1, fault: "hang" });
      const values = formValues({ channel: "link", customer: {} });
      const error = await rejection(createPaymentLink(deps, agent, store, values));
      const { callbackNonce } = await t.db.paymentSession.findUniqueOrThrow({ where: { id: error.recordId! }, select: { callbackNonce: true } });
      const secret = callbackSecret(SERVER_KEY, error.recordId!, callbackNonce);
      const payload = { event_id: randomUUID(), session: { session_id: "not-known-yet", status: "COMPLETED" } };

      expect(await handleStatusUpdate(deps, error.recordId!, secret, payload)).toMatchObject({ status: 503 });
      expect(await t.db.sessionEvent.count({ where: { providerEventId: payload.event_id } })).toBe(0);

      await createPaymentLink(deps, agent, store, values);
      const session = await sessionOf(values.idempotencyKey);
      await control.setStatus(session.providerSessionId!, "COMPLETED");
      const redelivery = { ...payload, session: { session_id: session.providerSessionId, status: "COMPLETED" } };
      expect(await handleStatusUpdate(deps, session.id, secret, redelivery)).toMatchObject({ status: 200, body: { ok: true } });
      expect((await sessionOf(values.idempotencyKey)).status).toBe("COMPLETED");
    });
  });

  describe("every action is in the history with the acting user", () => {
    it("Disable link: requested before the provider call, succeeded after", async () => {
      const values = formValues({ channel: "link", customer: {} });
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      await disablePaymentLink(deps, agent, id);
      const events = (await sessionOf(values.idempotencyKey)).events.filter((e) => e.type.startsWith("DISABLE"));
      expect(events.map((e) => [e.type, e.actorId])).toEqual([
        ["DISABLE_REQUESTED", agent.userId],
        ["DISABLE_SUCCEEDED", agent.userId],
      ]);
    });

    it("Disable link when the callback got there first: the outcome is still recorded with the agent", async () => {
      const values = formValues({ channel: "link", customer: {} });
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      const callbackFirst = withProvider(deps, (real) => ({
        disableSession: async (ref) => {
          await real.disableSession(ref);
          await applyStatus(t.db, id, "DISABLED", "PROVIDER_CALLBACK");
        },
      }));
      await disablePaymentLink(callbackFirst, agent, id);
      const session = await sessionOf(values.idempotencyKey);
      expect(session.status).toBe("DISABLED");
      expect(session.events.find((e) => e.type === "DISABLE_SUCCEEDED")).toMatchObject({ actorId: agent.userId, detail: { statusRecorded: false } });
    });

    it("Disable link refused by the provider: requested and failed, both with the agent", async () => {
      const values = formValues({ channel: "link", customer: {} });
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      await control.fault({ operation: "disableHppSession", count: 3, fault: "503" });
      const error = await rejection(disablePaymentLink(deps, agent, id));
      expect(error.retryable).toBe(true);
      const events = (await sessionOf(values.idempotencyKey)).events.filter((e) => e.type.startsWith("DISABLE"));
      expect(events.map((e) => [e.type, e.actorId, (e.detail as { code?: string } | null)?.code])).toEqual([
        ["DISABLE_REQUESTED", agent.userId, undefined],
        ["DISABLE_FAILED", agent.userId, "PROVIDER_UNAVAILABLE"],
      ]);
    });

    it("Resend and Send another way are recorded with the agent even when the provider times out", async () => {
      const values = formValues();
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      await control.fault({ operation: "distributeHppSession", count: 2, fault: "hang" });
      expect(await rejection(resendPaymentLink(deps, agent, id, randomUUID()))).toMatchObject({ retryable: true, rotateKey: false });
      const another = sendAnotherWay(deps, agent, id, { idempotencyKey: randomUUID(), channel: "email", customer: { email: "anna@example.com" } });
      expect(await rejection(another)).toMatchObject({ retryable: true, rotateKey: false });
      const requested = (await sessionOf(values.idempotencyKey)).events.filter((e) => e.type === "SEND_REQUESTED");
      expect(requested.map((e) => [(e.detail as { kind: string }).kind, (e.detail as { channel: string }).channel, e.actorId])).toEqual([
        ["resend", "SMS", agent.userId],
        ["another_way", "EMAIL", agent.userId],
      ]);
    });
  });

  describe("Resend", () => {
    it("repeats the latest successful send, not a later refused one", async () => {
      const values = formValues();
      await createPaymentLink(deps, agent, store, values);
      const { id, providerSessionId } = await sessionOf(values.idempotencyKey);
      const refused = await rejection(sendAnotherWay(deps, agent, id, { idempotencyKey: randomUUID(), channel: "email", customer: { email: "blocked@example.com" } }));
      expect(refused).toMatchObject({ code: "BLACKLIST_REFUSED", field: "email", rotateKey: true });

      await resendPaymentLink(deps, agent, id, randomUUID());
      expect((await control.outbox(providerSessionId!)).map((m) => [m.channel, m.recipient])).toEqual([
        ["sms", "+46701234567"],
        ["sms", "+46701234567"],
      ]);
    });

    it("a definite refusal asks for a new key, and a new key reaches the provider again", async () => {
      await control.config({ environment: "playground", email_daily_limit: 1 });
      const values = formValues({ channel: "email", customer: { email: "anna@example.com" } });
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      const key = randomUUID();
      expect(await rejection(resendPaymentLink(deps, agent, id, key))).toMatchObject({ code: "EMAIL_LIMIT_EXCEEDED", rotateKey: true });
      await control.config({ email_daily_limit: 10 });
      // The same key only replays the recorded refusal; the client's rotated key gets through.
      expect(await rejection(resendPaymentLink(deps, agent, id, key))).toMatchObject({ code: "EMAIL_LIMIT_EXCEEDED" });
      const before = (await control.requests("distributeHppSession")).length;
      await resendPaymentLink(deps, agent, id, randomUUID());
      expect((await control.requests("distributeHppSession")).length).toBe(before + 1);
    });

    it("a link the provider already closed: the refusal says so and the portal catches up with the provider's status", async () => {
      // Callbacks go nowhere, so only the refused send can tell the portal the link was closed.
      const deaf: LinkDeps = { ...deps, portalUrl: "http://127.0.0.1:9" };
      const values = formValues();
      await createPaymentLink(deaf, agent, store, values);
      const { id, providerSessionId } = await sessionOf(values.idempotencyKey);
      await control.setStatus(providerSessionId!, "DISABLED");
      expect((await sessionOf(values.idempotencyKey)).status).toBe("WAITING");

      expect(await rejection(resendPaymentLink(deaf, agent, id, randomUUID()))).toMatchObject({ code: "LINK_CLOSED" });
      expect((await sessionOf(values.idempotencyKey)).status).toBe("DISABLED");
      expect(await rejection(resendPaymentLink(deaf, agent, id, randomUUID()))).toMatchObject({ code: "NOT_SENDABLE" });
    });

    it("with nothing sent successfully, there is nothing to resend", async () => {
      const values = formValues({ channel: "email", customer: { email: "blocked@example.com" } });
      const error = await rejection(createPaymentLink(deps, agent, store, values));
      expect(await rejection(resendPaymentLink(deps, agent, error.recordId!, randomUUID()))).toMatchObject({ code: "NOTHING_TO_RESEND" });
    });
  });

  describe("Send another way", () => {
    it("a key reused with another recipient is refused, never answered by delivering the earlier recipient", async () => {
      const values = formValues({ channel: "link", customer: {} });
      await createPaymentLink(deps, agent, store, values);
      const { id, providerSessionId } = await sessionOf(values.idempotencyKey);
      await control.fault({ operation: "distributeHppSession", count: 1, fault: "hang" });
      const key = randomUUID();
      const first = await rejection(sendAnotherWay(deps, agent, id, { idempotencyKey: key, channel: "email", customer: { email: "anna@example.com" } }));
      expect(first).toMatchObject({ retryable: true, rotateKey: false });

      const changed = await rejection(sendAnotherWay(deps, agent, id, { idempotencyKey: key, channel: "email", customer: { email: "bo@example.com" } }));
      expect(changed).toMatchObject({ code: "SEND_CHANGED", rotateKey: true, retryable: false });
      expect(await control.outbox(providerSessionId!)).toEqual([]);
      // The same send retried with its key is still that send.
      await sendAnotherWay(deps, agent, id, { idempotencyKey: key, channel: "email", customer: { email: "anna@example.com" } });
      expect((await control.outbox(providerSessionId!)).map((m) => m.recipient)).toEqual(["anna@example.com"]);
    });
  });

  describe("a refused send points at the field the provider named", () => {
    it("a phone country the provider rejects lands under the country, not the number", async () => {
      // The newer Klarna error body lists the offending fields (the classic one has prose only).
      await control.config({ error_shape: "error_id" });
      const values = formValues({ channel: "link", customer: {} });
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      // Not an ISO country: the provider answers CONSTRAINT_VIOLATION naming contact_information.phone_country.
      const phoneCountry = "ZZ" as PhoneCountry;
      const refused = await rejection(
        sendAnotherWay(deps, agent, id, { idempotencyKey: randomUUID(), channel: "sms", customer: { phoneE164: "+46701234567", phoneCountry } }),
      );
      expect(refused).toMatchObject({ code: "CONSTRAINT_VIOLATION", field: "phoneCountry", rotateKey: true });
    });
  });

  describe("store scope", () => {
    it("another store's session looks exactly like a missing one", async () => {
      const values = formValues({ channel: "link", customer: {} });
      await createPaymentLink(deps, agent, store, values);
      const { id } = await sessionOf(values.idempotencyKey);
      const other = await createStoreWithStaff(t.db);
      expect(await findLinkInScope(actorOf(other.agent), id, t.db)).toBeNull();
      expect(await findLinkInScope(actorOf(other.agent), randomUUID(), t.db)).toBeNull();
      expect(await findLinkInScope(actorOf(other.agent), "not-a-uuid", t.db)).toBeNull();
      expect(await findLinkInScope(agent, id, t.db)).toMatchObject({ id });
      expect(await findLinkInScope(actorOf(other.admin), id, t.db)).toMatchObject({ id });
    });
  });
});
