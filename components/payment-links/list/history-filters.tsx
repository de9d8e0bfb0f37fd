"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { SelectField } from "@/components/ui/select-field";
import { CHANNELS } from "@/lib/domain/channels";
import { historyHref, reasonLabel, SEARCH_MAX_LENGTH, STATUS_FILTERS, type HistoryParams } from "@/lib/payment-links/history/params";

type Option = { value: string; label: string };

export type HistoryFiltersProps = {
  params: HistoryParams;
  stores: Option[];
  creators: Option[];
  timeZone: string;
};

const SEARCH_DEBOUNCE_MS = 300;

function Options({ all, options }: { all: string; options: readonly Option[] }) {
  return (
    <>
      <option value="">{all}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}
const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500";

/**
 * Every filter lives in the URL; any change starts again from the newest link. With JavaScript a
 * change applies at once (the search after a pause); without it the form is a plain GET form of the
 * same parameters, sent with Apply.
 */
export function HistoryFilters({ params, stores, creators, timeZone }: HistoryFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [current, setOptimistic] = useOptimistic(params);
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

  // A filter choice is a step the back button should undo; search replaces, or every pause would be one.
  // Built on what the form shows, not on the last page the server sent: a change made while an
  // earlier one is on its way (or while the search still waits for its pause) keeps that one too.
  function navigate(next: Partial<HistoryParams>, mode: "push" | "replace" = "push") {
    clearTimeout(timer.current);
    const merged = { ...current, q: text.trim(), ...next, older: null, newer: null };
    if (merged.q !== params.q) setPushedQ(merged.q);
    startTransition(() => {
      setOptimistic(merged);
      const href = historyHref(merged);
      if (mode === "push") router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    });
  }

  function onSearch(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const q = value.trim();
      if (q === params.q) return;
      navigate({ q }, "replace");
    }, SEARCH_DEBOUNCE_MS);
  }

  return (
    <form
      role="search"
      aria-label="Filter payment links"
      method="get"
      action="/sessions"
      className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3 lg:grid-cols-6"
      onSubmit={(event) => {
        // Enter or Apply: the search now, without waiting for the pause.
        event.preventDefault();
        if (text.trim() === params.q) return;
        navigate({});
      }}
    >
      <div className="col-span-2 sm:col-span-3 lg:col-span-6">
        <label htmlFor="history-search" className="block text-sm font-medium text-slate-700">
          Search
        </label>
        <input
          id="history-search"
          name="q"
          type="search"
          value={text}
          maxLength={SEARCH_MAX_LENGTH}
          onChange={(event) => onSearch(event.target.value)}
          placeholder="Reference, phone, email or customer name"
          aria-describedby="history-search-hint"
          className={input}
        />
        <span id="history-search-hint" className="sr-only">
          Results update as you type.
        </span>
      </div>
      <SelectField id="history-status" name="status" label="Status" value={current.status} onChange={(event) => navigate({ status: event.target.value as HistoryParams["status"], reason: "" })}>
        {STATUS_FILTERS.map((filter) => (
          <option key={filter.value} value={filter.value}>
            {filter.label}
          </option>
        ))}
      </SelectField>
      {/* The same room under it as a SelectField keeps for its error line, so the row lines up. */}
      <div className="pb-5">
        <label htmlFor="history-from" className="block text-sm font-medium text-slate-700">
          From
        </label>
        <input id="history-from" name="from" type="date" value={current.from} max={current.to || undefined} onChange={(event) => navigate({ from: event.target.value })} aria-describedby="history-dates-hint" className={input} />
      </div>
      <div className="pb-5">
        <label htmlFor="history-to" className="block text-sm font-medium text-slate-700">
          To
        </label>
        <input id="history-to" name="to" type="date" value={current.to} min={current.from || undefined} onChange={(event) => navigate({ to: event.target.value })} aria-describedby="history-dates-hint" className={input} />
      </div>
      {stores.length > 0 && (
        <SelectField id="history-store" name="store" label="Store" value={current.store} onChange={(event) => navigate({ store: event.target.value, createdBy: "" })}>
          <Options all="All stores" options={stores} />
        </SelectField>
      )}
      {creators.length > 0 && (
        <SelectField id="history-created-by" name="createdBy" label="Created by" value={current.createdBy} onChange={(event) => navigate({ createdBy: event.target.value })}>
          <Options all="Anyone" options={creators} />
        </SelectField>
      )}
      <SelectField id="history-channel" name="channel" label="Channel" value={current.channel} onChange={(event) => navigate({ channel: event.target.value as HistoryParams["channel"] })}>
        <Options all="Any" options={CHANNELS} />
      </SelectField>
      {current.status === "send-failed" && current.reason && (
        <p className="col-span-2 flex items-center gap-2 text-sm text-slate-700 sm:col-span-3 lg:col-span-6">
          <span>
            Failed because: <strong className="font-medium">{reasonLabel(current.reason)}</strong>
          </span>
          <input type="hidden" name="reason" value={current.reason} />
          <Link
            href={historyHref({ ...params, reason: "", older: null, newer: null })}
            className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            Any reason
          </Link>
        </p>
      )}
      <div>
        <button
          type="submit"
          className="mb-5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          Apply
        </button>
      </div>
      <p id="history-dates-hint" className="col-span-2 text-xs text-slate-500 sm:col-span-3 lg:col-span-6">
        Dates are in {timeZone === "UTC" ? "UTC" : `the store's time zone (${timeZone})`}.{" "}
        <span role="status">{pending ? "Updating…" : ""}</span>
      </p>
    </form>
  );
}
