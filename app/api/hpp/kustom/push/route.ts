import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { verifyCallbackSecret } from "@/lib/sessions/callback-secret";
import { sessionDeps } from "@/lib/sessions/deps";
import { refreshIfStale } from "@/lib/sessions/sync";

export const dynamic = "force-dynamic";

/**
 * Checkout's order push. Authorized like status_update: its URL (built in lib/hpp/kustom.ts) carries the
 * portal session's reference and per-session secret, checked in constant time against the stored hash.
 * It only makes the portal look at the provider again (rate-limited by the last look); nothing else in the
 * request is trusted.
 */
export async function POST(request: Request) {
  const params = new URL(request.url).searchParams;
  const orderId = params.get("order_id");
  const ref = params.get("ref");
  const secret = params.get("secret");
  // The same answer for a missing, unknown or wrong reference: nothing to learn by probing.
  const unauthorized = () => NextResponse.json({ ok: false, error: "unauthorized" }, { status: 401 });
  if (!orderId || !ref || !secret) return unauthorized();
  const session = await db().paymentSession.findUnique({
    where: { id: ref },
    select: { id: true, providerOrderId: true, callbackSecretHash: true },
  });
  if (!session || !verifyCallbackSecret(secret, session.callbackSecretHash)) return unauthorized();
  if (session.providerOrderId !== null && session.providerOrderId !== orderId) return unauthorized();
  await refreshIfStale(sessionDeps(), session.id);
  return new NextResponse(null, { status: 204 });
}
