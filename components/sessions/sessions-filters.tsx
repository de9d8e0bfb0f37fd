"use client";

import { useRouter } from "next/navigation";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { SEARCH_MAX_LENGTH, STATUS_FILTERS, sessionListHref, type SessionListParams, type StatusFilter } from "./list-filters";

export type SessionsFiltersProps = { params: SessionListParams };

const SEARCH_DEBOUNCE_MS = 300;

/** Status and search, kept in the URL; any change goes back to page 1. */
export function SessionsFilters({ params }: SessionsFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setOptimisticStatus] = useOptimistic(params.status);
  const [text, setText] = useState(params.q);
  const [seenQ, setSeenQ] = useState(params.q);
  // What this input last put in the URL: when it arrives it is not news, while back/forward replaces the text.
  const [pushedQ, setPushedQ] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  if (params.q !== seenQ) {
    setSeenQ(params.q);
    if (params.q === pushedQ) setPushedQ(null);
    else setText(params.q);
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  // A status choice is a step the back button should undo; search replaces, or every pause would be one.
  function navigate(next: Partial<SessionListParams>) {
    const href = sessionListHref({ ...params, ...next, page: 1 });
    startTransition(() => {
      if (next.status) {
        setOptimisticStatus(next.status);
        router.push(href, { scroll: false });
      } else {
        router.replace(href, { scroll: false });
      }
    });
  }

  function onSearch(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const q = value.trim();
      if (q === params.q) return;
      setPushedQ(q);
      navigate({ q });
    }, SEARCH_DEBOUNCE_MS);
  }

  return (
    <form role="search" aria-label="Filter sessions" className="flex flex-wrap items-end gap-4" onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor="sessions-status" className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select
          id="sessions-status"
          value={status}
          onChange={(event) => navigate({ status: event.target.value as StatusFilter })}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
        >
          {STATUS_FILTERS.map((filter) => (
            <option key={filter.value} value={filter.value}>
              {filter.label}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-64 flex-1">
        <label htmlFor="sessions-search" className="block text-sm font-medium text-slate-700">
          Search
        </label>
        <input
          id="sessions-search"
          type="search"
          value={text}
          maxLength={SEARCH_MAX_LENGTH}
          onChange={(event) => onSearch(event.target.value)}
          placeholder="Merchant reference, email or phone"
          aria-describedby="sessions-search-hint"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
        />
        <span id="sessions-search-hint" className="sr-only">
          Results update as you type.
        </span>
      </div>
      <span role="status" className="min-w-20 pb-2 text-sm text-slate-500">
        {pending ? "Updating…" : ""}
      </span>
    </form>
  );
}
