"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export type LocalTimeProps = {
  iso: string;
  /** The store's locale, e.g. "sv-SE". */
  locale: string;
  className?: string;
};

/** One formatter per locale and zone: a list renders dozens of dates, and each new formatter costs. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, inBrowser: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${inBrowser ? "local" : "UTC"}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...(inBrowser ? {} : { timeZone: "UTC" }) });
    formatters.set(key, format);
  }
  return format;
}

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
  // Date.parse, not a Date: a list formats two times a row (and a Next server wraps Date's constructor).
  const text = formatterFor(locale, inBrowser).format(Date.parse(iso));
  return (
    <time dateTime={iso} className={className}>
      {inBrowser ? text : `${text} UTC`}
    </time>
  );
}
