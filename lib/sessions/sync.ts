import "server-only";
import { hppStatusUpdateSchema, isHppError } from "@/lib/hpp";
import { isFinal } from "@/lib/domain/statuses";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifyCallbackSecret } from "./callback-secret";
import type { SessionDeps } from "./service";
import { syncFromProvider } from "./status";

const SYNC_SELECT = {
  id: true,
  status: true,
  provider: true,
  providerSessionId: true,
  sessionUrl: true,
  distributionUrl: true,
  expiresAt: true,
  lastSyncedAt: true,
} as const;


/**
 * Re-reads a live session from the provider when the last look is older than `maxAgeMs` — the
 * fallback for a callback that never came. Provider trouble leaves the stored status as it is.
 * The look is claimed in the database first, so concurrent pollers (on any instance) make one
 * provider call, and a provider that keeps failing is asked at most once per `maxAgeMs`.
 */
export async function refreshIfStale(deps: SessionDeps, sessionId: string, maxAgeMs = 5_000): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const session = await deps.db.paymentSession.findUnique({ where: { id: sessionId }, select: SYNC_SELECT });
  // Nothing to look for: the link has ended, or is still being created.
  if (!session || isFinal(session.status) || session.status === "CREATING") return;
  if (session.lastSyncedAt && now.getTime() - session.lastSyncedAt.getTime() < maxAgeMs) return;
  const { count } = await deps.db.paymentSession.updateMany({
    where: { id: sessionId, OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lte: new Date(now.getTime() - maxAgeMs) } }] },
    data: { lastSyncedAt: now },
  });
  if (count === 0) return;
  try {
    await syncFromProvider(deps.db, deps.provider(session.provider), session, "PROVIDER_POLL", now);
  } catch (error) {
    if (!isHppError(error)) throw error;
    console.warn(`[sessions] status refresh failed for ${sessionId}: ${error.code}`);
  }
}

export type CallbackOutcome = { status: 200 | 400 | 401 | 404 | 503; body: { ok: boolean; duplicate?: boolean; error?: string } };

/**
 * A provider's status_update callback. The per-session secret is checked in constant time, the
 * event id makes redelivery harmless, and the status applied is the one the provider reports when
 * asked — the payload alone is never trusted.
 */
export async function handleStatusUpdate(
  deps: SessionDeps,
  sessionId: string,
  secret: string | null,
  payload: unknown,
): Promise<CallbackOutcome> {
  const now = deps.now?.() ?? new Date();
  const session = await deps.db.paymentSession.findUnique({
    where: { id: sessionId },
    select: { ...SYNC_SELECT, callbackSecretHash: true },
  });
  // The same answer for an unknown session and a wrong secret: nothing to learn by probing.
  if (!session || !verifyCallbackSecret(secret, session.callbackSecretHash)) return { status: 401, body: { ok: false, error: "unauthorized" } };
  const parsed = hppStatusUpdateSchema.safeParse(payload);
  if (!parsed.success) return { status: 400, body: { ok: false, error: "malformed payload" } };
  // Still being created: nothing to read back yet. Not recorded as seen, so the provider's retry counts.
  if (session.status === "CREATING") {
    return { status: 503, body: { ok: false, error: "session not ready" } };
  }
  if (session.providerSessionId && parsed.data.session.session_id && parsed.data.session.session_id !== session.providerSessionId) {
    return { status: 400, body: { ok: false, error: "session mismatch" } };
  }
  const seen = await deps.db.sessionEvent.findUnique({ where: { providerEventId: parsed.data.event_id }, select: { id: true } });
  if (seen) return { status: 200, body: { ok: true, duplicate: true } };
  try {
    await syncFromProvider(deps.db, deps.provider(session.provider), session, "PROVIDER_CALLBACK", now);
  } catch (error) {
    if (!isHppError(error)) throw error;
    // Not recorded as seen: the provider's redelivery gets processed.
    return { status: 503, body: { ok: false, error: "provider unavailable" } };
  }
  try {
    await deps.db.sessionEvent.create({
      data: {
        sessionId,
        type: "CALLBACK_RECEIVED",
        source: "PROVIDER_CALLBACK",
        providerEventId: parsed.data.event_id,
        detail: { reportedStatus: parsed.data.session.status },
      },
    });
  } catch (error) {
    // A concurrent delivery of the same event got here first; applying the status twice is harmless.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    return { status: 200, body: { ok: true, duplicate: true } };
  }
  return { status: 200, body: { ok: true } };
}
