import { withActor } from "@/lib/actions/route";
import { exportFileName, exportHistoryCsv } from "@/lib/payment-links/history/export";
import { parseHistoryParams } from "@/lib/payment-links/history/params";

export const dynamic = "force-dynamic";

/** CSV of every link the /sessions filters select (the same query string), streamed. */
export async function GET(request: Request) {
  return withActor({}, async (actor) => {
    const params = parseHistoryParams(new URL(request.url).searchParams);
    const body = await exportHistoryCsv(actor, params);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName()}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
