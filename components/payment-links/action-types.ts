/**
 * The server actions the payment-link screens call, as the pages hand them down (bound to the link id
 * with `.bind`), so components never import from app/.
 */
import type { ActionResult } from "@/lib/actions/result";

export type LinkActionResult = ActionResult<{ sessionId: string }>;

export type CreatePaymentLinkAction = (input: unknown) => Promise<LinkActionResult>;

export type LinkActionsBound = {
  resend: (input: { idempotencyKey: string }) => Promise<LinkActionResult>;
  sendAnotherWay: (input: unknown) => Promise<LinkActionResult>;
  disable: () => Promise<LinkActionResult>;
  /** Managers only: the verdict on a "Paid, unconfirmed" link. */
  confirmPayment: (verdict: "paid" | "not_paid") => Promise<LinkActionResult>;
};
