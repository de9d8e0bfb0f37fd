import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { isHppError } from "@/lib/hpp";
import { nowOf, type LinkDeps } from "./deps";
import { linkError } from "./errors";
import { recordEvent, type LinkEventDetail, type LinkEventType } from "./events";
import { loadLink } from "./link-row";
import { disableBlockedReason } from "./rules";
import { applyStatus, providerSessionRef } from "./status";

/**
 * Disable link: the request is recorded with the acting user before the provider is called, and its
 * outcome after — success, refusal or no answer — even when a callback already moved the status.
 */
export async function disablePaymentLink(deps: LinkDeps, actor: Actor, linkId: string): Promise<void> {
  const link = await loadLink(deps, { id: linkId });
  const provider = deps.provider(link.provider);
  const blocked = disableBlockedReason(link, provider.capabilities.disableSession, nowOf(deps));
  if (blocked) throw linkError("NOT_DISABLEABLE", { message: blocked, recordId: linkId });
  const record = (type: LinkEventType, detail?: LinkEventDetail) =>
    recordEvent(deps.db, { linkId, type, fromStatus: link.status, source: "PORTAL", actorId: actor.userId, ...(detail ? { detail } : {}) });
  await record("DISABLE_REQUESTED");
  try {
    await provider.disableSession(providerSessionRef(link)!);
  } catch (error) {
    const code = isHppError(error) ? error.code : "UNKNOWN";
    await record("DISABLE_FAILED", { code });
    if (!isHppError(error)) throw error;
    if (error.code === "ALREADY_COMPLETED") await applyStatus(deps.db, linkId, "COMPLETED", "PROVIDER_POLL", { now: nowOf(deps) });
    if (error.code === "NOT_FOUND" || error.code === "SESSION_EXPIRED") await applyStatus(deps.db, linkId, "EXPIRED", "PROVIDER_POLL", { now: nowOf(deps) });
    throw linkError(error.code, { recordId: linkId, retryable: error.retryable });
  }
  const changed = await applyStatus(deps.db, linkId, "DISABLED", "PORTAL", { actorId: actor.userId, now: nowOf(deps) });
  await record("DISABLE_SUCCEEDED", { statusRecorded: changed });
}
