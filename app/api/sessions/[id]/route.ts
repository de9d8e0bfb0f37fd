import { NextResponse } from "next/server";
import { withActor } from "@/lib/actions/route";
import { sessionDeps } from "@/lib/sessions/deps";
import { getSessionView } from "@/lib/sessions/queries";
import { refreshIfStale } from "@/lib/sessions/sync";

export const dynamic = "force-dynamic";

/** The session page's live status: from the database, refreshed from the provider when stale. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withActor({}, async (actor) => {
    const visible = await getSessionView(actor, id);
    if (!visible) return NextResponse.json({ error: "Not found" }, { status: 404 });
    if (visible.isFinal) return NextResponse.json(visible, { headers: { "Cache-Control": "no-store" } });
    await refreshIfStale(sessionDeps(), id);
    return NextResponse.json(await getSessionView(actor, id), { headers: { "Cache-Control": "no-store" } });
  });
}
