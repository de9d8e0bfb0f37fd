/**
 * `npm run jobs:recover`: runs the background job once — finishes payment links and sends an
 * interrupted process left behind, marks expired links, and re-reads live links whose status is
 * stale. Safe to run anywhere and on several machines at once (rows are claimed). The portal server
 * also runs it every minute (instrumentation.ts).
 */
import { env } from "@/lib/env";
import { linkDeps } from "./deps";
import { runBackgroundJobs } from "./jobs";

const { RECOVERY_STALE_MS, RECONCILE_INTERVAL_MS } = env();
const report = await runBackgroundJobs(linkDeps(), { staleMs: RECOVERY_STALE_MS, reconcileIntervalMs: RECONCILE_INTERVAL_MS });
console.info(
  `Recovery: ${report.sessionsResumed} link(s) and ${report.sendsResumed} send(s) finished, ${report.expired} expired, ` +
    `${report.reminders} reminder(s) sent, ` +
    `${report.failed} failed, ${report.busy} left to another worker; ${report.reread} link(s) re-read from the provider.`,
);
const { db } = await import("@/lib/db");
await db().$disconnect();
