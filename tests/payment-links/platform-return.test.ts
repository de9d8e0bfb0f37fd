import { describe, expect, it } from "vitest";
import { createPaymentLink } from "@/lib/payment-links/create";
import { confirmPayment } from "@/lib/payment-links/confirm-payment";
import { recordCustomerReturn } from "@/lib/payment-links/customer-return";
import { eventLabel } from "@/lib/payment-links/messages";
import { sendBlockedReason } from "@/lib/payment-links/rules";
import { applyStatus } from "@/lib/payment-links/status";
import { DATABASE_KINDS } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, formValues, rejection, sessionSuite, storeOf } from "../sessions/harness";

/** The customer presses a button on the sandbox's platform page; returns where the platform sends them back. */
async function customerOnPlatformPage(redirectUrl: string, action: "pay" | "cancel" | "fail"): Promise<URL> {
  const response = await fetch(redirectUrl, { method: "POST", body: new URLSearchParams({ action }), redirect: "manual" });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

const returnOf = (url: URL) => ({ linkId: url.searchParams.get("ref")!, signature: url.searchParams.get("sig") ?? "" });

describe.each(DATABASE_KINDS)("payment platform: the customer's return is a signal, not a confirmation ($kind)", ({ create }) => {
  const suite = sessionSuite(create);

  async function berlinLink() {
    const staff = await createStoreWithStaff(suite.t.db, { provider: "PAYMENT_PLATFORM" });
    const store = { ...storeOf(staff.store), currency: "EUR", locale: "de-DE", country: "DE" };
    const { linkId } = await createPaymentLink(suite.deps, actorOf(staff.agent), store, formValues({ channel: "link", customer: {} }));
    const link = await suite.t.db.paymentSession.findUniqueOrThrow({ where: { id: linkId } });
    return { link, manager: actorOf(staff.manager) };
  }

  const historyOf = async (linkId: string) =>
    (await suite.t.db.sessionEvent.findMany({ where: { sessionId: linkId }, orderBy: { createdAt: "asc" } })).map(eventLabel).filter(Boolean);

  it("paying on the platform's page and returning through success_url reads Paid, unconfirmed — never Completed", async () => {
    const { link } = await berlinLink();
    const back = await customerOnPlatformPage(link.redirectUrl!, "pay");
    expect(back.searchParams.get("outcome")).toBe("success");
    expect(await recordCustomerReturn(suite.deps, { ...returnOf(back), returned: "paid" })).toMatchObject({ result: "recorded" });
    const after = await suite.t.db.paymentSession.findUniqueOrThrow({ where: { id: link.id } });
    expect(after.status).toBe("PAID_UNCONFIRMED");
    expect(await historyOf(link.id)).toContain("Customer returned: paid (not confirmed by the provider)");
    // Nothing more can be sent for a link the customer says they paid.
    expect(sendBlockedReason(after, new Date())).toMatch(/says they paid/);
    // A reload of the return page changes nothing.
    expect(await recordCustomerReturn(suite.deps, { ...returnOf(back), returned: "paid" })).toMatchObject({ result: "already_recorded" });
    // The clock never turns the customer's word into Expired.
    expect(await applyStatus(suite.t.db, link.id, "EXPIRED", "PORTAL")).toBe(false);
  });

  it("a cancel return is recorded but moves nothing, and its address cannot be edited into a paid one", async () => {
    const { link } = await berlinLink();
    const back = await customerOnPlatformPage(link.redirectUrl!, "cancel");
    expect(back.searchParams.get("outcome")).toBe("cancel");
    expect(await recordCustomerReturn(suite.deps, { ...returnOf(back), returned: "paid" })).toMatchObject({ result: "ignored" });
    expect(await recordCustomerReturn(suite.deps, { ...returnOf(back), returned: "cancelled" })).toMatchObject({ result: "recorded" });
    expect((await suite.t.db.paymentSession.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("WAITING");
    expect(await historyOf(link.id)).toContain("Customer returned: cancelled (not confirmed by the provider)");
  });

  it("a Kustom link's return changes nothing: its provider reports the status itself", async () => {
    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues({ channel: "link", customer: {} }));
    expect(await recordCustomerReturn(suite.deps, { linkId, returned: "paid", signature: "" })).toEqual({ result: "ignored", provider: "KUSTOM" });
    expect((await suite.t.db.paymentSession.findUniqueOrThrow({ where: { id: linkId } })).status).toBe("WAITING");
  });

  it("a manager marks it Confirmed paid (Completed) or Not paid (Failed), recorded with who decided", async () => {
    const first = await berlinLink();
    await recordCustomerReturn(suite.deps, { ...returnOf(await customerOnPlatformPage(first.link.redirectUrl!, "pay")), returned: "paid" });
    await confirmPayment(suite.deps, first.manager, first.link.id, "paid");
    expect((await suite.t.db.paymentSession.findUniqueOrThrow({ where: { id: first.link.id } })).status).toBe("COMPLETED");
    const confirmed = await suite.t.db.sessionEvent.findFirstOrThrow({ where: { sessionId: first.link.id, type: "PAYMENT_CONFIRMED" } });
    expect(confirmed.actorId).toBe(first.manager.userId);
    expect(await historyOf(first.link.id)).toContain("Marked Confirmed paid after checking with the provider");
    // Decided once: a second verdict is refused.
    expect((await rejection(confirmPayment(suite.deps, first.manager, first.link.id, "not_paid"))).code).toBe("NOT_UNCONFIRMED");

    const second = await berlinLink();
    await recordCustomerReturn(suite.deps, { ...returnOf(await customerOnPlatformPage(second.link.redirectUrl!, "pay")), returned: "paid" });
    await confirmPayment(suite.deps, second.manager, second.link.id, "not_paid");
    expect((await suite.t.db.paymentSession.findUniqueOrThrow({ where: { id: second.link.id } })).status).toBe("FAILED");
    expect(await historyOf(second.link.id)).toContain("Marked Not paid after checking with the provider");
  });
});
