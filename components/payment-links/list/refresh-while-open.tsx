"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

export const LIST_REFRESH_INTERVAL_MS = 10_000;

/**
 * Re-renders the list on the server while any visible link can still change, so its status badge
 * follows; paused while the tab is hidden. One cheap keyset query per refresh.
 */
export function RefreshWhileOpen({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, LIST_REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
