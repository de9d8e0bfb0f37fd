import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePageActor({ roles: ["ADMIN"] });
  const [stores, users] = await Promise.all([
    db().store.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, country: true, currency: true, locale: true, provider: true } }),
    db().user.findMany({
      orderBy: { email: "asc" },
      select: { id: true, email: true, name: true, role: true, disabled: true, store: { select: { name: true } } },
    }),
  ]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <section aria-labelledby="stores-heading">
        <h2 id="stores-heading" className="text-lg font-semibold">Stores</h2>
        <table className="mt-3 w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className="p-3">Name</th><th className="p-3">Country</th><th className="p-3">Currency</th><th className="p-3">Locale</th><th className="p-3">HPP provider</th></tr>
          </thead>
          <tbody>
            {stores.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="p-3">{s.name}</td><td className="p-3">{s.country}</td><td className="p-3">{s.currency}</td><td className="p-3">{s.locale}</td>
                <td className="p-3">{s.provider === "KUSTOM" ? "Kustom" : "Payment platform"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="text-lg font-semibold">Users</h2>
        <table className="mt-3 w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className="p-3">Name</th><th className="p-3">Email</th><th className="p-3">Role</th><th className="p-3">Store</th><th className="p-3">Status</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-100">
                <td className="p-3">{u.name}</td><td className="p-3">{u.email}</td><td className="p-3">{u.role}</td>
                <td className="p-3">{u.store?.name ?? "—"}</td><td className="p-3">{u.disabled ? "Disabled" : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
