"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { LinkView } from "@/lib/payment-links/view";

/** Every query key for sessions, in one place. */
export const sessionQueryKeys = {
  all: ["sessions"] as const,
  detail: (id: string) => ["sessions", "detail", id] as const,
};

export const SESSION_POLL_INTERVAL_MS = 2_000;

export class SessionFetchError extends Error {
  constructor(readonly status: number) {
    super(`GET /api/sessions/… answered ${status}`);
    this.name = "SessionFetchError";
  }
}

async function fetchLinkView(id: string, signal: AbortSignal): Promise<LinkView> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(id)}`, {
    signal,
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new SessionFetchError(response.status);
  return (await response.json()) as LinkView;
}

/**
 * Whether polling can show anything new: not once the status is final, and not for a provider that never
 * reports payments (only while the link is still being created).
 */
export function isLive(view: Pick<LinkView, "isFinal" | "reportsStatus" | "status"> | undefined): boolean {
  if (!view || view.isFinal) return false;
  return view.reportsStatus || view.status === "CREATING";
}

/** Retrying cannot fix these: signed out, no access, or gone. */
const PERMANENT = new Set([401, 403, 404]);

/**
 * The session as the server sees it, starting from the server-rendered view and polled every 2 s while
 * its status can still change by itself.
 */
export function useLinkStatus(id: string, initial: LinkView) {
  return useQuery({
    queryKey: sessionQueryKeys.detail(id),
    queryFn: ({ signal }) => fetchLinkView(id, signal),
    initialData: initial,
    refetchInterval: (query) => (isLive(query.state.data) ? SESSION_POLL_INTERVAL_MS : false),
    retry: (failureCount, error) => !(error instanceof SessionFetchError && PERMANENT.has(error.status)) && failureCount < 2,
  });
}

/** The one refresh path after an action on the session page. */
export function useRefreshLink(id: string): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: sessionQueryKeys.detail(id) }), [client, id]);
}
