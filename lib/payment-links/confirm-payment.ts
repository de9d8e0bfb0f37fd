import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { nowOf, type LinkDeps } from "./deps";
import { linkError } from "./errors";
import { recordEvent } from "./events";
import { applyStatus } from "./status";

export type PaymentVerdict = "paid" | "not_paid";

/**
 * A manager checked a "Paid, unconfirmed" link with the provider: Confirmed paid makes it Completed,
 * Not paid makes it Failed (the customer can be sent a new link). Both are recorded with who decided.
 */
export async function confirmPayment(deps: LinkDeps, actor: Actor, linkId: string, verdict: PaymentVerdict): Promise<void> {
  const now = nowOf(deps);
  const link = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: linkId }, select: { status: true } });
  if (link.status !== "PAID_UNCONFIRMED") throw linkError("NOT_UNCONFIRMED", { recordId: linkId });
  const to = verdict === "paid" ? "COMPLETED" : "FAILED";
  const changed = await applyStatus(deps.db, linkId, to, "PORTAL", { actorId: actor.userId, now });
  // Someone else decided first: their verdict stands.
  if (!changed) throw linkError("NOT_UNCONFIRMED", { recordId: linkId });
  await recordEvent(deps.db, { linkId, type: "PAYMENT_CONFIRMED", fromStatus: "PAID_UNCONFIRMED", toStatus: to, source: "PORTAL", actorId: actor.userId, detail: { verdict } });
}
