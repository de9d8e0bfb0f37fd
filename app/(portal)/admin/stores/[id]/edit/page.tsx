import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoreForm } from "@/components/admin/store-form";
import { requirePageActor } from "@/lib/auth/actor";
import { getStore } from "@/lib/stores/queries";
import { updateStoreAction } from "../../actions";

export const metadata: Metadata = { title: "Edit store" };

export default async function EditStorePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor({ roles: ["ADMIN"] });
  const { id } = await params;
  const store = /^[0-9a-f-]{36}$/i.test(id) ? await getStore(id) : null;
  if (!store) notFound();
  const { standardTaxRate, id: storeId, ...fields } = store;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {store.name}</h1>
      <StoreForm submitLabel="Save changes" defaults={{ ...fields, taxRatePercent: String(standardTaxRate / 100) }} action={updateStoreAction.bind(null, storeId)} />
    </div>
  );
}
