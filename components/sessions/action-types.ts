/**
 * The server actions the session screens call, as the pages hand them down (bound to the session id
 * with `.bind`), so components never import from app/.
 */
import type { ActionResult } from "@/lib/sessions/view";

export type SessionActionResult = ActionResult<{ sessionId: string }>;

export type CreatePaymentLinkAction = (input: unknown) => Promise<SessionActionResult>;

export type SessionActionsBound = {
  resend: (input: { idempotencyKey: string }) => Promise<SessionActionResult>;
  sendAnotherWay: (input: unknown) => Promise<SessionActionResult>;
  disable: () => Promise<SessionActionResult>;
};
