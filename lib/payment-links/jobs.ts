import "server-only";
import type { LinkDeps } from "./deps";
import { nowOf } from "./deps";
import { jobState } from "./job-state";
import { reconcileLinks } from "./reconcile";
import { recoverInterrupted } from "./recovery";

export type BackgroundJobOptions = { staleMs: number; reconcileIntervalMs: number; reconcileLimit?: number };

/**
 * The per-minute background job: finishes interrupted creates and sends, marks expired links, and
 * re-reads live links whose status callback may have been lost. Safe on several instances at once.
 */
export async function runBackgroundJobs(deps: LinkDeps, options: BackgroundJobOptions) {
  const state = jobState();
  state.lastStartedAt = nowOf(deps);
  try {
    const recovery = await recoverInterrupted(deps, { staleMs: options.staleMs });
    const reconcile = await reconcileLinks(deps, {
      intervalMs: options.reconcileIntervalMs,
      ...(options.reconcileLimit ? { limit: options.reconcileLimit } : {}),
    });
    const report = { ...recovery, reread: reconcile.reread, rereadFailed: reconcile.failed };
    state.lastReport = report;
    state.lastError = null;
    return report;
  } catch (error) {
    state.lastError = error instanceof Error ? error.name : "Error";
    throw error;
  } finally {
    state.lastFinishedAt = nowOf(deps);
  }
}
