"use client";

import { useEffect, useRef } from "react";
import type { SettledAlert } from "@/lib/alerts/alert";

/** Fired on window whenever a paid / failed / cancelled alert reaches this tab. */
export const LINK_SETTLED_EVENT = "link-settled";

export function announceLinkSettled(alert: SettledAlert): void {
  window.dispatchEvent(new CustomEvent<SettledAlert>(LINK_SETTLED_EVENT, { detail: alert }));
}

/**
 * Runs `handler` when one of the agent's links is paid, fails or is cancelled — for screens that keep
 * their own client state (lists, dashboard, worklist). Server-rendered list pages are refreshed already.
 */
export function useLinkSettled(handler: (alert: SettledAlert) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener = (event: Event) => latest.current((event as CustomEvent<SettledAlert>).detail);
    window.addEventListener(LINK_SETTLED_EVENT, listener);
    return () => window.removeEventListener(LINK_SETTLED_EVENT, listener);
  }, []);
}
