import { NextResponse } from "next/server";
import { handleStatusUpdate } from "@/lib/payment-links/callbacks";
import { linkDeps } from "@/lib/payment-links/deps";

export const dynamic = "force-dynamic";

/**
 * The provider's status_update callback. A machine caller: it is authorized by the per-link
 * secret in its URL (checked in constant time inside handleStatusUpdate), not by a user session.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const secret = new URL(request.url).searchParams.get("secret");
  let payload: unknown;
  try {
    payload = await request.json();
  } catch {
    return NextResponse.json({ ok: false, error: "malformed payload" }, { status: 400 });
  }
  const outcome = await handleStatusUpdate(linkDeps(), id, secret, payload);
  return NextResponse.json(outcome.body, { status: outcome.status });
}
