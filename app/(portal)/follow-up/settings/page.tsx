import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { StoreSettingsForm } from "@/components/follow-up/settings-form";
import { requirePageActor } from "@/lib/auth/actor";
import { loadStoreSettings } from "@/lib/stores/settings";
import { updateStoreSettingsAction } from "../actions";

export const metadata: Metadata = { title: "Follow-up settings" };

type SettingsPageProps = { searchParams: Promise<{ store?: string | string[] }> };

export default async function FollowUpSettingsPage({ searchParams }: SettingsPageProps) {
  const actor = await requirePageActor({ roles: ["MANAGER", "ADMIN"] });
  const { store } = await searchParams;
  const storeId = actor.role === "ADMIN" ? (typeof store === "string" ? store : "") : actor.storeId;
  if (!storeId) forbidden();
  const settings = await loadStoreSettings(actor, storeId);
  if (!settings) notFound();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Follow-up settings</h1>
        <p className="mt-1 text-slate-600">
          For the {settings.storeName} store.{" "}
          <Link href="/follow-up" className="text-brand-700 underline underline-offset-2">
            Back to follow-up
          </Link>
        </p>
      </div>
      <StoreSettingsForm
        storeName={settings.storeName}
        initial={settings}
        save={updateStoreSettingsAction.bind(null, settings.storeId)}
      />
    </div>
  );
}
