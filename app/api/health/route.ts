import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { healthReport } from "@/lib/health";

export const dynamic = "force-dynamic";

/** For load balancers: public, JSON, 200 while the database answers and 503 when it doesn't. */
export async function GET() {
  const { RECOVERY_INTERVAL_MS, RECONCILE_INTERVAL_MS, RECOVERY_STALE_MS } = env();
  const report = await healthReport(db(), {
    jobIntervalMs: RECOVERY_INTERVAL_MS,
    reconcileIntervalMs: RECONCILE_INTERVAL_MS,
    staleMs: RECOVERY_STALE_MS,
  });
  return NextResponse.json(report.body, { status: report.status, headers: { "Cache-Control": "no-store" } });
}
