"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

const REFRESH_MS = 60_000;

/** The count of links needing follow-up, re-read on every navigation and every minute (the layout itself is not re-rendered). */
export function FollowUpBadge() {
  const pathname = usePathname();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      fetch("/api/follow-up/count", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ count: number | null }>) : null))
        .then((body) => current && body && setCount(body.count))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [pathname]);
  if (!count) return null;
  return (
    <span data-testid="follow-up-badge" className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
      {count}
      <span className="sr-only"> need attention</span>
    </span>
  );
}
