import type { Metadata } from "next";
import Link from "next/link";
import { AuditLog } from "@/components/admin/audit-log";
import { DeleteStoreButton } from "@/components/admin/delete-store-button";
import { StaffTable } from "@/components/admin/staff-table";
import { StoresTable } from "@/components/admin/stores-table";
import { listAuditEntries } from "@/lib/audit/queries";
import { requirePageActor } from "@/lib/auth/actor";
import { STAFF_ADMIN_ROLES } from "@/lib/staff/permissions";
import { listStaff } from "@/lib/staff/queries";
import { listStores } from "@/lib/stores/queries";
import { resetStaffPasswordAction, setStaffDisabledAction } from "./staff/actions";
import { deleteStoreAction } from "./stores/actions";

export const metadata: Metadata = { title: "Admin" };

function SectionHeading({ id, title, addHref, addLabel }: { id: string; title: string; addHref: string; addLabel: string }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <Link
        href={addHref}
        className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
      >
        {addLabel}
      </Link>
    </div>
  );
}

export default async function AdminPage() {
  const actor = await requirePageActor({ roles: STAFF_ADMIN_ROLES });
  const isAdmin = actor.role === "ADMIN";
  const [staff, stores, audit] = await Promise.all([listStaff(actor), isAdmin ? listStores() : [], isAdmin ? listAuditEntries() : []]);
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">{isAdmin ? "Admin" : `Staff of ${actor.storeName ?? "your store"}`}</h1>
      <section aria-labelledby="staff-heading">
        <SectionHeading id="staff-heading" title="Staff" addHref="/admin/staff/new" addLabel="Add staff member" />
        <StaffTable rows={staff} setDisabled={setStaffDisabledAction} resetPassword={resetStaffPasswordAction} />
      </section>
      {isAdmin && (
        <section aria-labelledby="stores-heading">
          <SectionHeading id="stores-heading" title="Stores" addHref="/admin/stores/new" addLabel="Add store" />
          <StoresTable rows={stores} deleteButton={(s) => <DeleteStoreButton name={s.name} action={deleteStoreAction.bind(null, s.id)} />} />
        </section>
      )}
      {isAdmin && (
        <section aria-labelledby="audit-heading">
          <h2 id="audit-heading" className="text-lg font-semibold">
            Audit log
          </h2>
          <p className="mt-1 text-sm text-slate-600">Every staff and store change: who, what, when and whom. Entries can&apos;t be edited or deleted.</p>
          <AuditLog rows={audit} />
        </section>
      )}
    </div>
  );
}
