import { NextResponse } from "next/server";
import { withActor } from "@/lib/actions/route";
import { linkDeps } from "@/lib/payment-links/deps";
import { getLinkView } from "@/lib/payment-links/queries/detail";
import { refreshIfStale } from "@/lib/payment-links/refresh";

export const dynamic = "force-dynamic";

/** The link page's live status: from the database, refreshed from the provider when stale. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withActor({}, async (actor) => {
    const visible = await getLinkView(actor, id);
    if (!visible) return NextResponse.json({ error: "Not found" }, { status: 404 });
    if (visible.isFinal) return NextResponse.json(visible, { headers: { "Cache-Control": "no-store" } });
    await refreshIfStale(linkDeps(), id);
    return NextResponse.json(await getLinkView(actor, id), { headers: { "Cache-Control": "no-store" } });
  });
}
