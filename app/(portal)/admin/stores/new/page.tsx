import type { Metadata } from "next";
import { StoreForm } from "@/components/admin/store-form";
import { requirePageActor } from "@/lib/auth/actor";
import { createStoreAction } from "../actions";

export const metadata: Metadata = { title: "Add store" };

export default async function NewStorePage() {
  await requirePageActor({ roles: ["ADMIN"] });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Add store</h1>
      <StoreForm submitLabel="Add store" action={createStoreAction} />
    </div>
  );
}
