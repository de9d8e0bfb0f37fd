import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import type { ResendValues } from "@/lib/validation/payment-link";
import type { LinkDeps } from "./deps";
import { sendOnce } from "./deliver";
import { loadSendable } from "./resend";
import { intentOf, recordSend } from "./sends";

/** Send another way: a different channel or contact for the same link — never a second link. */
export async function sendAnotherWay(deps: LinkDeps, actor: Actor, linkId: string, values: ResendValues): Promise<void> {
  const link = await loadSendable(deps, linkId);
  const intent = intentOf(values.channel, values.customer, values.accessId);
  await sendOnce(deps, link, await recordSend(deps, actor, link, intent, values.idempotencyKey, "another_way"));
}
