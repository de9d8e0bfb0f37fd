"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export type LocalTimeProps = {
  iso: string;
  /** The store's locale, e.g. "sv-SE". */
  locale: string;
  className?: string;
};

/**
 * A date in the store's locale and the agent's own time zone. The server does not know that zone, so
 * the server render (and hydration) shows UTC, marked as such, and the browser switches to local time.
 */
export function LocalTime({ iso, locale, className }: LocalTimeProps) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(inBrowser ? {} : { timeZone: "UTC" }),
  }).format(date);
  return (
    <time dateTime={iso} className={className}>
      {inBrowser ? text : `${text} UTC`}
    </time>
  );
}
