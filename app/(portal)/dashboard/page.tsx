import type { Metadata } from "next";
import Link from "next/link";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { requirePageActor } from "@/lib/auth/actor";
import { loadDashboard, parseDashboardPeriod } from "@/lib/payment-links/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

type DashboardPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: DashboardPageProps) {
  const actor = await requirePageActor();
  const query = await searchParams;
  const store = typeof query.store === "string" ? query.store : "";
  const dashboard = await loadDashboard(actor, parseDashboardPeriod(query.period), /^[0-9a-f-]{36}$/i.test(store) ? store : "");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Dashboard</h1>
          <p className="mt-1 text-slate-600">
            {actor.storeName ? `Store ${actor.storeName}` : "All stores"} — welcome, {actor.name}.
          </p>
        </div>
        <Link href="/sessions/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New payment link
        </Link>
      </div>
      <DashboardView dashboard={dashboard} />
    </div>
  );
}
