"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { alertTitle, type SettledAlert } from "@/lib/alerts/alert";
import { formatMinor } from "@/lib/domain/money";
import { announceLinkSettled } from "@/components/portal/use-link-settled";
import { sessionQueryKeys } from "@/components/payment-links/hooks/use-link-status";

/** Pages that list links on the server: refreshed in place when one settles. */
const LIST_PAGES = /^\/(sessions|dashboard|follow-up)(\/?$|\?)/;
const MAX_TOASTS = 4;
const PAID = new Set(["COMPLETED", "PAID_UNCONFIRMED"]);

type NotificationPermissionState = "unsupported" | NotificationPermission;

function permissionNow(): NotificationPermissionState {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/**
 * Paid alerts anywhere in the portal: one event stream per tab (GET /api/alerts). Each alert shows a
 * toast with a link to the payment link, puts itself in the tab title, raises a browser notification
 * when the agent allowed them, and refreshes what lists links.
 */
export function LiveAlerts() {
  const [toasts, setToasts] = useState<SettledAlert[]>([]);
  const [permission, setPermission] = useState<NotificationPermissionState>("unsupported");
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const pathRef = useRef(pathname);
  const baseTitle = useRef<string | null>(null);

  useEffect(() => {
    pathRef.current = pathname;
  }, [pathname]);

  useEffect(() => {
    queueMicrotask(() => setPermission(permissionNow()));
    const seen = new Set<string>();
    const source = new EventSource(`/api/alerts?since=${encodeURIComponent(new Date().toISOString())}`);
    source.addEventListener("settled", (event) => {
      const alert = JSON.parse((event as MessageEvent<string>).data) as SettledAlert;
      // A reconnect replays the last minute: each change is shown once.
      if (seen.has(alert.key)) return;
      seen.add(alert.key);
      setToasts((current) => [alert, ...current].slice(0, MAX_TOASTS));
      if (permissionNow() === "granted") {
        const notification = new Notification(alertTitle(alert), { body: formatMinor(alert.amount, alert.currency, alert.locale), tag: alert.key });
        notification.onclick = () => {
          window.focus();
          router.push(`/sessions/${alert.linkId}`);
        };
      }
      // The link that settled, if its page or call companion is open: not every link the tab shows.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKeys.detail(alert.linkId) });
      if (LIST_PAGES.test(pathRef.current)) router.refresh();
      announceLinkSettled(alert);
    });
    return () => source.close();
  }, [queryClient, router]);

  // The newest alert leads the tab title until the agent has dismissed them all.
  useEffect(() => {
    if (toasts.length === 0) {
      if (baseTitle.current !== null) document.title = baseTitle.current;
      baseTitle.current = null;
      return;
    }
    baseTitle.current ??= document.title;
    document.title = `(${toasts.length}) ${alertTitle(toasts[0]!)} · ${baseTitle.current}`;
  }, [toasts]);

  const dismiss = (key: string) => setToasts((current) => current.filter((toast) => toast.key !== key));

  return (
    <div aria-live="polite" role="region" aria-label="Payment alerts" className="pointer-events-none fixed right-4 bottom-4 left-4 z-50 flex flex-col items-end gap-2 sm:left-auto">
      {toasts.map((toast) => (
        <div
          key={toast.key}
          role="status"
          className={`pointer-events-auto w-full max-w-sm rounded-lg border bg-white p-4 shadow-lg ${PAID.has(toast.status) ? "border-emerald-300" : "border-amber-300"}`}
        >
          <p className="font-semibold">{alertTitle(toast)}</p>
          <p className="text-sm text-slate-600 tabular-nums">{formatMinor(toast.amount, toast.currency, toast.locale)}</p>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <Link href={`/sessions/${toast.linkId}`} onClick={() => dismiss(toast.key)} className="font-medium text-brand-700 underline underline-offset-2">
              Open payment link
            </Link>
            <button type="button" onClick={() => dismiss(toast.key)} className="rounded text-slate-600 underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
              Dismiss
            </button>
            {permission === "default" && (
              <button
                type="button"
                onClick={() => void Notification.requestPermission().then(setPermission)}
                className="rounded text-slate-600 underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              >
                Notify me outside this tab too
              </button>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
