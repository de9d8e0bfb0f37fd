import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authorize";
import { createPaymentLink, type StoreForLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { PROVIDER_PENDING_MESSAGE, providerPendingMessage } from "@/lib/payment-links/messages";
import { recoverInterrupted } from "@/lib/payment-links/recovery";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import type { SandboxControl } from "../support/sandbox";
import { eventually, formValues, rejection, sessionSuite } from "./harness";

const later = (deps: LinkDeps): LinkDeps => ({ ...deps, now: () => new Date(Date.now() + 600_000) });

describe.each(DATABASE_KINDS)("who gets a link, and what is stored with it, on $kind", ({ create }) => {
  const suite = sessionSuite(create, { timeoutMs: 500 });
  let t: TestDatabase, deps: LinkDeps, control: SandboxControl, store: StoreForLink, agent: Actor;
  beforeEach(() => ({ t, deps, control, store, agent } = suite));

  const linkOf = (idempotencyKey: string) =>
    t.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey }, include: { distributions: { orderBy: { createdAt: "asc" } } } });

  it("one form submitted in parallel to seven recipients: exactly one receives the link, the one the database records", async () => {
    const key = randomUUID();
    const emails = Array.from({ length: 7 }, (_, i) => `customer${i}@example.com`);
    const submits = emails.map((email) =>
      createPaymentLink(deps, agent, store, formValues({ idempotencyKey: key, channel: "email", customer: { name: "Anna Andersson", email } })),
    );
    await Promise.allSettled(submits);
    // Whatever the interleaving left unsent is finished by the recovery job — which must not add a recipient.
    await recoverInterrupted(later(deps));
    await recoverInterrupted(later(deps));

    const link = await linkOf(key);
    const delivered = await control.outbox(link.providerSessionId!);
    expect(delivered).toHaveLength(1);
    const sent = link.distributions.filter((d) => d.outcome === "SENT");
    expect(sent).toHaveLength(1);
    expect(delivered[0]!.recipient).toBe(sent[0]!.recipient);
    expect(link.customerEmail).toBe(sent[0]!.recipient);
    expect(link.distributions.filter((d) => d.outcome === "PENDING")).toHaveLength(0);
  });

  it("a second recipient submitted while the first send is on its way is refused; recovery delivers only the first", async () => {
    const key = randomUUID();
    await control.fault({ operation: "distributeHppSession", count: 1, fault: "hang" });
    const first = createPaymentLink(deps, agent, store, formValues({ idempotencyKey: key, channel: "email", customer: { email: "first@example.com" } }));
    // Wait until the first send is claimed: the provider call is in flight.
    await eventually(
      () => t.db.distribution.findFirst({ where: { idempotencyKey: { startsWith: `${key}:send:` }, leaseUntil: { not: null } } }),
      (send) => send !== null,
    );
    const second = await rejection(
      createPaymentLink(deps, agent, store, formValues({ idempotencyKey: key, channel: "email", customer: { email: "second@example.com" } })),
    );
    expect(second).toMatchObject({ code: "SENT_FROM_FORM", rotateKey: true });
    await first.catch(() => undefined);
    await recoverInterrupted(later(deps));
    const link = await linkOf(key);
    expect((await control.outbox(link.providerSessionId!)).map((m) => m.recipient)).toEqual(["first@example.com"]);
    expect(link.distributions.map((d) => [d.recipient, d.outcome])).toEqual([["first@example.com", "SENT"]]);
  });

  it("a send already delivered is never followed by a second recipient from the same form", async () => {
    const values = formValues({ channel: "email", customer: { email: "first@example.com" } });
    const { linkId } = await createPaymentLink(deps, agent, store, values);
    const refused = await rejection(createPaymentLink(deps, agent, store, { ...values, customer: { email: "second@example.com" } }));
    expect(refused).toMatchObject({ code: "SENT_FROM_FORM", recordId: linkId, rotateKey: true });
    await recoverInterrupted(later(deps));
    const link = await linkOf(values.idempotencyKey);
    expect((await control.outbox(link.providerSessionId!)).map((m) => m.recipient)).toEqual(["first@example.com"]);
    expect(link.customerEmail).toBe("first@example.com");
  });

  it("a refused SMS, then the same form by email: the email link stores no phone", async () => {
    const values = formValues({ channel: "sms", customer: { name: "Anna Andersson", phoneE164: "+46700000000", phoneCountry: "SE" } });
    const refused = await rejection(createPaymentLink(deps, agent, store, values));
    expect(refused.field).toBe("phone");
    // The agent switches to email; the refused phone is still in the form.
    await createPaymentLink(deps, agent, store, {
      ...values,
      channel: "email",
      customer: { ...values.customer, email: "anna@example.com" },
    });
    const link = await linkOf(values.idempotencyKey);
    expect(link).toMatchObject({ customerPhone: null, customerPhoneCountry: null, customerEmail: "anna@example.com", customerName: "Anna Andersson" });
    expect((await control.outbox(link.providerSessionId!)).map((m) => [m.channel, m.recipient])).toEqual([["email", "anna@example.com"]]);
  });

  it("a new link stores only the chosen channel's contact", async () => {
    const values = formValues({ channel: "email", customer: { name: "Bo", email: "bo@example.com", phoneE164: "+46701234567", phoneCountry: "SE" } });
    await createPaymentLink(deps, agent, store, values);
    expect(await linkOf(values.idempotencyKey)).toMatchObject({ customerEmail: "bo@example.com", customerPhone: null, customerName: "Bo" });
  });

  it("an unanswered create names what went wrong: busy, unavailable, unreadable or silent", async () => {
    await control.fault({ operation: "createOrderMerchant", count: 3, fault: "429", retry_after_seconds: 0 });
    expect(await rejection(createPaymentLink(deps, agent, store, formValues()))).toMatchObject({
      code: "RATE_LIMITED",
      retryable: true,
      message: providerPendingMessage("RATE_LIMITED"),
    });
    await control.reset();
    await control.fault({ operation: "createOrderMerchant", count: 3, fault: "500" });
    const unavailable = await rejection(createPaymentLink(deps, agent, store, formValues()));
    expect(unavailable.message).toMatch(/^The payment provider is unavailable right now\. We'll keep trying/);
    await control.reset();
    await control.fault({ operation: "createOrderMerchant", count: 3, fault: "malformed_json" });
    expect((await rejection(createPaymentLink(deps, agent, store, formValues()))).message).toMatch(/^The payment provider's answer couldn't be read\./);
    expect(PROVIDER_PENDING_MESSAGE).toMatch(/^The provider didn't answer in time\. We'll keep trying/);
    expect(new Set(["RATE_LIMITED", "PROVIDER_UNAVAILABLE", "NETWORK", "MALFORMED_RESPONSE", "TIMEOUT"].map(providerPendingMessage)).size).toBe(5);
  });
});
