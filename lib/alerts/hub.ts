import "server-only";
import type { Db } from "@/lib/db";
import { SETTLED_STATUSES, STATUS_LABELS } from "@/lib/domain/statuses";
import type { SettledAlert } from "./alert";


type Subscriber = { userId: string; send: (alert: SettledAlert) => void };

export type AlertHubOptions = {
  /** How often the one shared query runs while anyone listens. */
  pollMs: number;
  /** Re-reads this far back each time, so a change committed late (its time set before commit) is not missed. */
  overlapMs: number;
  /** How long alerts are kept for a reconnecting tab to catch up. */
  keepMs: number;
};

export const DEFAULT_ALERT_HUB_OPTIONS: AlertHubOptions = { pollMs: 1_000, overlapMs: 10_000, keepMs: 120_000 };

/**
 * Paid alerts for every open tab of this process: one query per second reads the links whose status
 * settled recently, whoever listens and however many tabs are open, and each tab hears about its
 * own user's links. The database load is independent of the number of tabs.
 */
export class AlertHub {
  private readonly subscribers = new Set<Subscriber>();
  /** Alerts of the last `keepMs`, with the user each belongs to. */
  private readonly recent = new Map<string, { alert: SettledAlert; ownerId: string }>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastTick: Date;
  /** Queries issued so far (the benchmark's figure). */
  queries = 0;

  constructor(
    private readonly db: Pick<Db, "paymentSession">,
    private readonly options: AlertHubOptions = DEFAULT_ALERT_HUB_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lastTick = now();
  }

  /** Starts telling `send` about the user's settled links (those after `since` first); returns the way to stop. */
  subscribe(userId: string, send: (alert: SettledAlert) => void, since?: Date): () => void {
    const subscriber = { userId, send };
    this.subscribers.add(subscriber);
    if (since) for (const { alert, ownerId } of this.recent.values()) if (ownerId === userId && alert.at > since.toISOString()) send(alert);
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.options.pollMs);
      this.timer.unref();
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  get listeners(): number {
    return this.subscribers.size;
  }

  /** One look at the database; exposed for tests and the benchmark. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const started = this.now();
    try {
      this.queries++;
      const rows = await this.db.paymentSession.findMany({
        where: { statusChangedAt: { gt: new Date(this.lastTick.getTime() - this.options.overlapMs) }, status: { in: [...SETTLED_STATUSES] } },
        select: { id: true, createdById: true, status: true, merchantReference: true, amount: true, currency: true, locale: true, statusChangedAt: true },
        orderBy: { statusChangedAt: "asc" },
        take: 1_000,
      });
      this.lastTick = started;
      for (const row of rows) {
        const key = `${row.id}:${row.status}:${row.statusChangedAt.getTime()}`;
        if (this.recent.has(key)) continue;
        const alert: SettledAlert = {
          key,
          linkId: row.id,
          reference: row.merchantReference,
          status: row.status,
          statusLabel: STATUS_LABELS[row.status],
          amount: row.amount,
          currency: row.currency,
          locale: row.locale,
          at: row.statusChangedAt.toISOString(),
        };
        this.recent.set(key, { alert, ownerId: row.createdById });
        for (const subscriber of this.subscribers) if (subscriber.userId === row.createdById) subscriber.send(alert);
      }
      this.forgetOld(started);
    } catch (error) {
      console.warn("[alerts] look failed:", error instanceof Error ? error.name : typeof error);
    } finally {
      this.running = false;
    }
  }

  private forgetOld(now: Date): void {
    const cutoff = new Date(now.getTime() - this.options.keepMs).toISOString();
    for (const [key, { alert }] of this.recent) if (alert.at < cutoff) this.recent.delete(key);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.subscribers.clear();
  }
}

const holder = globalThis as unknown as { __alertHub?: AlertHub };

/** This process's hub, on the portal's database. */
export function alertHub(database: Pick<Db, "paymentSession">): AlertHub {
  holder.__alertHub ??= new AlertHub(database);
  return holder.__alertHub;
}
