import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { nowOf, type LinkDeps } from "../deps";
import { linkError } from "../errors";
import { recordEvent, type DismissReason } from "../events";

export const DISMISS_REASONS = ["PAID_ANOTHER_WAY", "CUSTOMER_DECLINED", "DUPLICATE", "OTHER"] as const satisfies readonly DismissReason[];

/**
 * Dismiss: the link leaves the worklist (and gets no reminder), with the reason and the user in its
 * history. The link itself is unchanged. Once only: a second dismiss is refused.
 */
export async function dismissLink(deps: LinkDeps, actor: Actor, linkId: string, reason: DismissReason): Promise<void> {
  const at = nowOf(deps);
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.paymentSession.updateMany({
      where: { id: linkId, dismissedAt: null },
      data: { dismissedAt: at, dismissedById: actor.userId, dismissReason: reason, remindAt: null },
    });
    if (count === 0) throw linkError("ALREADY_DISMISSED", { recordId: linkId });
    await recordEvent(tx, { linkId, type: "DISMISSED", source: "PORTAL", actorId: actor.userId, detail: { reason } });
  });
}
