/**
 * `npm run jobs:recover`: finishes payment links and sends an interrupted process left behind, once.
 * Safe to run anywhere and on several machines at once (rows are claimed). The portal server also
 * runs it every minute (instrumentation.ts).
 */
import { env } from "@/lib/env";
import { linkDeps } from "./deps";
import { recoverInterrupted } from "./recovery";

const report = await recoverInterrupted(linkDeps(), { staleMs: env().RECOVERY_STALE_MS });
console.info(
  `Recovery: ${report.sessionsResumed} link(s) and ${report.sendsResumed} send(s) finished, ${report.expired} expired, ` +
    `${report.reminders} reminder(s) sent, ` +
    `${report.failed} failed, ${report.busy} left to another worker.`,
);
const { db } = await import("@/lib/db");
await db().$disconnect();
