import type { Metadata } from "next";
import { StaffForm } from "@/components/admin/staff-form";
import { requirePageActor } from "@/lib/auth/actor";
import { STAFF_ADMIN_ROLES } from "@/lib/staff/permissions";
import { storeOptions } from "@/lib/staff/queries";
import { ROLES } from "@/lib/validation/staff";
import { createStaffAction } from "../actions";

export const metadata: Metadata = { title: "Add staff member" };

export default async function NewStaffPage() {
  const actor = await requirePageActor({ roles: STAFF_ADMIN_ROLES });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Add staff member</h1>
      <StaffForm mode="create" roles={actor.role === "ADMIN" ? ROLES : ["AGENT"]} stores={await storeOptions(actor)} action={createStaffAction} />
    </div>
  );
}
