import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StaffForm } from "@/components/admin/staff-form";
import { requirePageActor } from "@/lib/auth/actor";
import { getStaffMember, storeOptions } from "@/lib/staff/queries";
import { ROLES } from "@/lib/validation/staff";
import { updateStaffAction } from "../../actions";

export const metadata: Metadata = { title: "Edit staff member" };

export default async function EditStaffPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor({ roles: ["ADMIN"] });
  const { id } = await params;
  const member = /^[0-9a-f-]{36}$/i.test(id) ? await getStaffMember(actor, id) : null;
  if (!member) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {member.name}</h1>
      <StaffForm
        mode="edit"
        roles={ROLES}
        stores={await storeOptions(actor)}
        defaults={{ name: member.name, email: member.email, role: member.role, storeId: member.storeId ?? "" }}
        action={updateStaffAction.bind(null, member.id)}
      />
    </div>
  );
}
