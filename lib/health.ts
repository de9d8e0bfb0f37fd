import "server-only";
import type { Db } from "@/lib/db";
import { OPEN_STATUSES } from "@/lib/domain/statuses";
import { jobState } from "@/lib/payment-links/job-state";

const DB_TIMEOUT_MS = 2_000;

export type HealthOptions = {
  /** How often the background job runs here; 0 = not in this process. */
  jobIntervalMs: number;
  reconcileIntervalMs: number;
  staleMs: number;
  now?: Date;
};

export type HealthReport = {
  status: 200 | 503;
  body: {
    ok: boolean;
    database: { reachable: boolean };
    jobs: {
      runsHere: boolean;
      lastStartedAt: string | null;
      lastFinishedAt: string | null;
      lastRunFailed: boolean;
      /** More than two intervals since the last run finished. */
      overdue: boolean;
      backlog: { linksToReread: number; unfinishedCreates: number; unfinishedSends: number } | null;
    };
    /** The last look each provider had from this process (cached; never probed by this request). */
    providers: Record<string, { reachable: boolean; checkedAt: string }>;
  };
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * GET /api/health for load balancers: 200 while the database answers, 503 when it doesn't. It shows
 * counts and times only — no hosts, credentials, ids or error text.
 */
export async function healthReport(database: Db, options: HealthOptions): Promise<HealthReport> {
  const now = options.now ?? new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  let backlog: HealthReport["body"]["jobs"]["backlog"] = null;
  let reachable = true;
  try {
    const [linksToReread, unfinishedCreates, unfinishedSends] = await withTimeout(
      Promise.all([
        database.paymentSession.count({
          where: {
            status: { in: [...OPEN_STATUSES] },
            provider: "KUSTOM",
            providerSessionId: { not: null },
            OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lte: ago(options.reconcileIntervalMs) } }],
          },
        }),
        database.paymentSession.count({ where: { status: "CREATING", updatedAt: { lt: ago(options.staleMs) } } }),
        database.distribution.count({ where: { outcome: "PENDING", createdAt: { lt: ago(options.staleMs) } } }),
      ]),
      DB_TIMEOUT_MS,
    );
    backlog = { linksToReread, unfinishedCreates, unfinishedSends };
  } catch {
    reachable = false;
  }
  const state = jobState();
  const runsHere = options.jobIntervalMs > 0;
  const providers = Object.fromEntries(
    Object.entries(state.providers).map(([kind, look]) => [kind, { reachable: look.reachable, checkedAt: look.at.toISOString() }]),
  );
  return {
    status: reachable ? 200 : 503,
    body: {
      ok: reachable,
      database: { reachable },
      jobs: {
        runsHere,
        lastStartedAt: state.lastStartedAt?.toISOString() ?? null,
        lastFinishedAt: state.lastFinishedAt?.toISOString() ?? null,
        lastRunFailed: state.lastError !== null,
        overdue: runsHere && (state.lastFinishedAt === null || state.lastFinishedAt < ago(2 * options.jobIntervalMs)),
        backlog,
      },
      providers,
    },
  };
}
