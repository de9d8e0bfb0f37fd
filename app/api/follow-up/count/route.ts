import { NextResponse } from "next/server";
import { withActor } from "@/lib/actions/route";
import { followUpCount } from "@/lib/payment-links/follow-up/worklist";

export const dynamic = "force-dynamic";

/** The navigation badge: how many of the actor's links need follow-up. */
export async function GET() {
  return withActor({}, async (actor) => NextResponse.json({ count: await followUpCount(actor) }, { headers: { "Cache-Control": "no-store" } }));
}
