import "server-only";
import type { ProviderKind } from "@/lib/hpp";

/** What this process knows about its background job and the providers, for GET /api/health. */
export type JobState = {
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  /** The last run's failure, as a plain name (no provider text, no stack). */
  lastError: string | null;
  lastReport: Record<string, number> | null;
  providers: Partial<Record<ProviderKind, { reachable: boolean; at: Date; code?: string }>>;
};

// On globalThis: Next bundles instrumentation.ts and route handlers separately, and both must see one state.
const holder = globalThis as unknown as { __paymentLinkJobState?: JobState };

export function jobState(): JobState {
  holder.__paymentLinkJobState ??= { lastStartedAt: null, lastFinishedAt: null, lastError: null, lastReport: null, providers: {} };
  return holder.__paymentLinkJobState;
}

/** Codes that say the provider could not be reached, as opposed to it answering "no". */
const UNREACHABLE = new Set(["TIMEOUT", "NETWORK", "PROVIDER_UNAVAILABLE", "BAD_GATEWAY", "MALFORMED_RESPONSE"]);

/** Remembers how the last call to a provider went. */
export function noteProviderCall(kind: ProviderKind, at: Date, errorCode?: string): void {
  const reachable = !errorCode || !UNREACHABLE.has(errorCode);
  jobState().providers[kind] = { reachable, at, ...(errorCode ? { code: errorCode } : {}) };
}
