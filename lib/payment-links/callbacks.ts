import "server-only";
import { hppStatusUpdateSchema, isHppError } from "@/lib/hpp";
import { verifyCallbackSecret } from "./callback-secret";
import { nowOf, type LinkDeps } from "./deps";
import { recordEvent } from "./events";
import { isUniqueViolation } from "./link-row";
import { refreshIfStale, SYNC_SELECT } from "./refresh";
import { syncFromProvider } from "./status";

export type CallbackOutcome = { status: 200 | 400 | 401 | 404 | 503; body: { ok: boolean; duplicate?: boolean; error?: string } };

/**
 * A provider's status_update callback. The per-link secret is checked in constant time, the
 * event id makes redelivery harmless, and the status applied is the one the provider reports when
 * asked — the payload alone is never trusted.
 */
export async function handleStatusUpdate(deps: LinkDeps, linkId: string, secret: string | null, payload: unknown): Promise<CallbackOutcome> {
  const now = nowOf(deps);
  const link = await deps.db.paymentSession.findUnique({ where: { id: linkId }, select: { ...SYNC_SELECT, callbackSecretHash: true } });
  // The same answer for an unknown link and a wrong secret: nothing to learn by probing.
  if (!link || !verifyCallbackSecret(secret, link.callbackSecretHash)) return { status: 401, body: { ok: false, error: "unauthorized" } };
  const parsed = hppStatusUpdateSchema.safeParse(payload);
  if (!parsed.success) return { status: 400, body: { ok: false, error: "malformed payload" } };
  // Still being created: nothing to read back yet. Not recorded as seen, so the provider's retry counts.
  if (link.status === "CREATING") return { status: 503, body: { ok: false, error: "session not ready" } };
  if (link.providerSessionId && parsed.data.session.session_id && parsed.data.session.session_id !== link.providerSessionId) {
    return { status: 400, body: { ok: false, error: "session mismatch" } };
  }
  const seen = await deps.db.sessionEvent.findUnique({ where: { providerEventId: parsed.data.event_id }, select: { id: true } });
  if (seen) return { status: 200, body: { ok: true, duplicate: true } };
  try {
    await syncFromProvider(deps.db, deps.provider(link.provider), link, "PROVIDER_CALLBACK", now);
  } catch (error) {
    if (!isHppError(error)) throw error;
    // Not recorded as seen: the provider's redelivery gets processed.
    return { status: 503, body: { ok: false, error: "provider unavailable" } };
  }
  try {
    await recordEvent(deps.db, {
      linkId,
      type: "CALLBACK_RECEIVED",
      source: "PROVIDER_CALLBACK",
      providerEventId: parsed.data.event_id,
      detail: { reportedStatus: parsed.data.session.status },
    });
  } catch (error) {
    // A concurrent delivery of the same event got here first; applying the status twice is harmless.
    if (!isUniqueViolation(error, "providerEventId")) throw error;
    return { status: 200, body: { ok: true, duplicate: true } };
  }
  return { status: 200, body: { ok: true } };
}

/**
 * Checkout's order push. Authorized like status_update: its URL carries the link's reference and
 * per-link secret, checked in constant time against the stored hash. It only makes the portal look at
 * the provider again (rate-limited by the last look); nothing else in the request is trusted.
 */
export async function handleCheckoutPush(
  deps: LinkDeps,
  params: { orderId: string | null; ref: string | null; secret: string | null },
): Promise<{ status: 204 | 401 }> {
  // The same answer for a missing, unknown or wrong reference: nothing to learn by probing.
  if (!params.orderId || !params.ref || !params.secret) return { status: 401 };
  const link = await deps.db.paymentSession.findUnique({ where: { id: params.ref }, select: { id: true, providerOrderId: true, callbackSecretHash: true } });
  if (!link || !verifyCallbackSecret(params.secret, link.callbackSecretHash)) return { status: 401 };
  if (link.providerOrderId !== null && link.providerOrderId !== params.orderId) return { status: 401 };
  await refreshIfStale(deps, link.id);
  return { status: 204 };
}
