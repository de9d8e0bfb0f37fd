import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/actor";
import { storeScope } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { OPEN_STATUSES } from "@/lib/domain/statuses";

export const metadata: Metadata = { title: "Dashboard" };


async function dashboardCounts(scope: { storeId?: string }) {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const [open, paidToday, createdToday] = await Promise.all([
    db().paymentSession.count({ where: { ...scope, status: { in: [...OPEN_STATUSES] } } }),
    db().paymentSession.count({ where: { ...scope, status: "COMPLETED", statusChangedAt: { gte: since } } }),
    db().paymentSession.count({ where: { ...scope, createdAt: { gte: since } } }),
  ]);
  return { open, paidToday, createdToday };
}

export default async function DashboardPage() {
  const actor = await requirePageActor();
  const scope = storeScope(actor);
  const { open, paidToday, createdToday } = await dashboardCounts(scope);
  const cards = [
    { label: "Unpaid links", value: open, href: "/sessions?status=open" },
    { label: "Paid in the last 24 h", value: paidToday, href: "/sessions?status=COMPLETED" },
    { label: "Links created in the last 24 h", value: createdToday, href: "/sessions" },
  ];
  return (
    <div>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-1 text-slate-600">
        {actor.storeName ? `Store ${actor.storeName}` : "All stores"} — welcome, {actor.name}.
      </p>
      <div className="mt-6 grid gap-4 sm:grid-cols-3">
        {cards.map((card) => (
          <Link key={card.label} href={card.href} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500">
            <div className="text-sm text-slate-600">{card.label}</div>
            <div className="mt-2 text-3xl font-semibold">{card.value}</div>
          </Link>
        ))}
      </div>
      <Link href="/sessions/new" className="mt-8 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        New payment link
      </Link>
    </div>
  );
}
