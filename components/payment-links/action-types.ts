/**
 * The server actions the payment-link screens call, as the pages hand them down (bound to the link id
 * with `.bind`), so components never import from app/.
 */
import type { ActionResult } from "@/lib/actions/result";
import type { DuplicateLinkView } from "@/lib/payment-links/duplicate-view";

export type LinkActionResult = ActionResult<{ sessionId: string }>;

/** Ok with `duplicate` when the guard found the customer's open link and created nothing. */
export type CreateLinkResult = ActionResult<{ sessionId: string; duplicate?: undefined } | { duplicate: DuplicateLinkView; sessionId?: undefined }>;

export type CreatePaymentLinkAction = (input: unknown) => Promise<CreateLinkResult>;

export type CheckDuplicateAction = (input: unknown) => Promise<ActionResult<{ duplicate: DuplicateLinkView | null }>>;

export type LinkActionsBound = {
  resend: (input: { idempotencyKey: string }) => Promise<LinkActionResult>;
  sendAnotherWay: (input: unknown) => Promise<LinkActionResult>;
  disable: () => Promise<LinkActionResult>;
  /** Managers only: the verdict on a "Paid, unconfirmed" link. */
  confirmPayment: (verdict: "paid" | "not_paid") => Promise<LinkActionResult>;
};
