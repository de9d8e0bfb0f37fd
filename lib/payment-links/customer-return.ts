import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { ProviderKind } from "@/lib/hpp";
import { returnSignature } from "./callback-secret";
import { nowOf, type LinkDeps } from "./deps";
import { recordEvent, type CustomerReturn } from "./events";
import { isUniqueViolation } from "./link-row";
import { applyStatus } from "./status";

function signatureMatches(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type ReturnOutcome = { result: "recorded" | "already_recorded" | "ignored"; provider: ProviderKind | null };

/**
 * The customer came back through the success, cancel or error URL of a provider that reports no
 * status (the payment platform). That is a signal, not a confirmation: it is recorded in the link's
 * history, and a "paid" return shows the link as Paid, unconfirmed until a manager checks.
 */
export async function recordCustomerReturn(
  deps: LinkDeps,
  input: { linkId: string; returned: CustomerReturn; signature: string },
): Promise<ReturnOutcome> {
  const link = await deps.db.paymentSession.findUnique({
    where: { id: input.linkId },
    select: { id: true, provider: true, callbackNonce: true },
  });
  // Kustom reports its own status; its return URLs carry no signature and change nothing.
  if (!link) return { result: "ignored", provider: null };
  const ignored = { result: "ignored", provider: link.provider } as const;
  if (link.provider !== "PAYMENT_PLATFORM") return ignored;
  if (!signatureMatches(returnSignature(deps.serverKey, link.id, link.callbackNonce, input.returned), input.signature)) return ignored;
  try {
    // The event id makes a reload of the return page harmless.
    await recordEvent(deps.db, {
      linkId: link.id,
      type: "CUSTOMER_RETURNED",
      source: "PORTAL",
      providerEventId: `customer-return:${link.id}:${input.returned}`,
      detail: { returned: input.returned },
    });
  } catch (error) {
    if (isUniqueViolation(error, "providerEventId")) return { result: "already_recorded", provider: link.provider };
    throw error;
  }
  if (input.returned === "paid") await applyStatus(deps.db, link.id, "PAID_UNCONFIRMED", "PORTAL", { now: nowOf(deps) });
  return { result: "recorded", provider: link.provider };
}
