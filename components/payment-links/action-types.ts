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
};
