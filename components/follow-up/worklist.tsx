"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { formatMinor } from "@/lib/domain/money";
import type { FollowUpGroupView } from "@/lib/payment-links/follow-up/view";
import type { PhoneCountryOption } from "@/lib/validation";
import type { FollowUpActions } from "./action-types";
import { FollowUpRowActions, type Outcome } from "./row-actions";
import { LocalTime } from "@/components/ui/local-time";

export type FollowUpWorklistProps = {
  groups: FollowUpGroupView[];
  actions: FollowUpActions;
  showStore: boolean;
  phoneCountries: PhoneCountryOption[];
  defaultPhoneCountry: string;
};

/** The worklist's groups; one row's action panel open at a time; the page is re-read after every action. */
export function FollowUpWorklist({ groups, actions, showStore, phoneCountries, defaultPhoneCountry }: FollowUpWorklistProps) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>();
  const [openRow, setOpenRow] = useState<string | null>(null);

  function done(result: Outcome) {
    setOutcome(result);
    setOpenRow(null);
    router.refresh();
  }

  return (
    <div className="space-y-8">
      {outcome && (
        <Alert tone={outcome.tone}>
          {outcome.message}
          {outcome.linkId && (
            <>
              {" "}
              <Link href={`/sessions/${outcome.linkId}`} className="font-medium underline underline-offset-2">
                Open the new link
              </Link>
            </>
          )}
        </Alert>
      )}
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`} className="space-y-3">
          <div>
            <h2 id={`group-${group.key}`} className="text-lg font-semibold">
              {group.label} <span className="text-base font-normal text-slate-500">({group.total})</span>
            </h2>
            <p className="text-sm text-slate-600">{group.hint}</p>
          </div>
          {group.rows.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">Nothing here.</p>
          ) : (
            <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={group.label}>
              {group.rows.map((row) => (
                <li key={row.id} className="space-y-3 px-4 py-3" aria-label={row.merchantReference}>
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <div className="flex flex-wrap items-baseline gap-x-3">
                      <Link href={`/sessions/${row.id}`} className="font-mono text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
                        {row.merchantReference}
                      </Link>
                      <span className="text-sm text-slate-600">{row.statusLabel}</span>
                      {showStore && <span className="text-sm text-slate-500">{row.storeName}</span>}
                    </div>
                    <span className="font-medium tabular-nums">{formatMinor(row.amount, row.currency, row.locale)}</span>
                  </div>
                  <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
                    <div>
                      <dt className="sr-only">Customer</dt>
                      <dd>{row.customer}</dd>
                    </div>
                    <div>
                      <dt className="inline text-slate-500">Age </dt>
                      <dd className="inline">{row.age}</dd>
                    </div>
                    <div>
                      <dt className="inline text-slate-500">Last send </dt>
                      <dd className="inline">
                        {row.lastSend ? (
                          <>
                            {row.lastSend.channelLabel} · {row.lastSend.outcomeLabel} · <LocalTime iso={row.lastSend.at} locale={row.locale} />
                          </>
                        ) : (
                          "Nothing sent"
                        )}
                      </dd>
                    </div>
                  </dl>
                  <FollowUpRowActions
                    row={row}
                    actions={actions}
                    open={openRow === row.id}
                    onOpen={(open) => setOpenRow(open ? row.id : null)}
                    onDone={done}
                    phoneCountries={phoneCountries}
                    defaultPhoneCountry={row.phoneCountry ?? defaultPhoneCountry}
                  />
                </li>
              ))}
            </ul>
          )}
          {group.total > group.rows.length && (
            <p className="text-sm text-slate-600">
              Showing {group.rows.length} of {group.total}.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
