import { NextResponse } from "next/server";
import { handleCheckoutPush } from "@/lib/payment-links/callbacks";
import { linkDeps } from "@/lib/payment-links/deps";

export const dynamic = "force-dynamic";

/**
 * Checkout's order push. A machine caller: it is authorized by the per-link secret in its URL
 * (checked in constant time inside handleCheckoutPush), not by a user session.
 */
export async function POST(request: Request) {
  const params = new URL(request.url).searchParams;
  const outcome = await handleCheckoutPush(linkDeps(), { orderId: params.get("order_id"), ref: params.get("ref"), secret: params.get("secret") });
  if (outcome.status === 401) return NextResponse.json({ ok: false, error: "unauthorized" }, { status: 401 });
  return new NextResponse(null, { status: 204 });
}
