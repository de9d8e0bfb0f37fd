/** The server actions the follow-up screen calls, handed down by the page so components never import app/. */
import type { ActionResult } from "@/lib/actions/result";

type LinkResult = ActionResult<{ sessionId: string }>;

export type FollowUpActions = {
  resend: (linkId: string, input: { idempotencyKey: string }) => Promise<LinkResult>;
  sendAnotherWay: (linkId: string, input: unknown) => Promise<LinkResult>;
  cloneAndSend: (linkId: string, input: unknown) => Promise<LinkResult>;
  dismiss: (linkId: string, input: unknown) => Promise<LinkResult>;
};
