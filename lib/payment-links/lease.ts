import "server-only";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "@/lib/hpp";
import type { LinkDeps } from "./deps";
import { nowOf } from "./deps";

/** One provider call chain at worst: every attempt times out, and each retry waits the longest allowed. */
function providerChainMs(timeoutMs: number, policy: RetryPolicy): number {
  return policy.maxAttempts * timeoutMs + (policy.maxAttempts - 1) * Math.max(policy.maxDelayMs, policy.maxRetryAfterMs);
}

/** A use case makes at most two provider call chains under one lease (Kustom: order, then session). */
const CHAINS_PER_LEASE = 2;
const LEASE_MARGIN_MS = 30_000;

/** Default lease: longer than the provider chains with the default settings; slower ones are covered by renewal. */
export const DEFAULT_LEASE_MS = 180_000;

/** A lease that outlasts the provider chains for a given per-request timeout. */
export function leaseMsFor(timeoutMs: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return Math.max(DEFAULT_LEASE_MS, CHAINS_PER_LEASE * providerChainMs(timeoutMs, policy) + LEASE_MARGIN_MS);
}

const leaseMsOf = (deps: LinkDeps) => deps.leaseMs ?? DEFAULT_LEASE_MS;

export const leaseEnd = (deps: LinkDeps): Date => new Date(nowOf(deps).getTime() + leaseMsOf(deps));

/** Rows nobody holds, or whose holder's lease ran out. */
export const unleased = (at: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: at } }] });

/** Runs `work` while renewing a lease every third of its length, so a slow provider cannot outlast it. */
export async function holdLease<T>(deps: LinkDeps, renew: (until: Date) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    renew(leaseEnd(deps)).catch((error: unknown) => console.warn("[payment-links] lease renewal failed:", error instanceof Error ? error.name : typeof error));
  }, Math.max(1_000, Math.floor(leaseMsOf(deps) / 3)));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Takes the link for this worker if nobody else holds it. Safe across processes. */
export async function claimLink(deps: LinkDeps, id: string, status: "CREATING"): Promise<boolean> {
  const { count } = await deps.db.paymentSession.updateMany({ where: { id, status, ...unleased(nowOf(deps)) }, data: { leaseUntil: leaseEnd(deps) } });
  return count === 1;
}

/** Takes a pending send for this worker if nobody else holds it. */
export async function claimSend(deps: LinkDeps, id: string): Promise<boolean> {
  const { count } = await deps.db.distribution.updateMany({ where: { id, outcome: "PENDING", ...unleased(nowOf(deps)) }, data: { leaseUntil: leaseEnd(deps) } });
  return count === 1;
}
