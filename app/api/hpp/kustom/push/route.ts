import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { sessionDeps } from "@/lib/sessions/deps";
import { refreshIfStale } from "@/lib/sessions/sync";

export const dynamic = "force-dynamic";

/**
 * Checkout's order push. Unauthenticated by design of the Checkout API, so it only makes the portal
 * look at the provider again (rate-limited by the last look); nothing in the request is trusted.
 */
export async function POST(request: Request) {
  const orderId = new URL(request.url).searchParams.get("order_id");
  if (orderId) {
    const session = await db().paymentSession.findFirst({ where: { providerOrderId: orderId }, select: { id: true } });
    if (session) await refreshIfStale(sessionDeps(), session.id);
  }
  return new NextResponse(null, { status: 204 });
}
