import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { PaymentLinkForm } from "@/components/payment-links/form/payment-link-form";
import { StorePicker } from "@/components/payment-links/form/store-picker";
import { requirePageActor } from "@/lib/auth/actor";
import { storeForNewLink, storesToPick } from "@/lib/payment-links/access";
import { channelsForProvider } from "@/lib/payment-links/channels";
import { phoneCountryOptions } from "@/lib/validation";
import { checkDuplicateLinkAction, createPaymentLinkAction, resendPaymentLinkAction } from "../actions";

export const metadata: Metadata = { title: "New payment link" };

type NewSessionPageProps = { searchParams: Promise<{ store?: string | string[] }> };

export default async function NewSessionPage({ searchParams }: NewSessionPageProps) {
  const actor = await requirePageActor({ roles: ["AGENT", "MANAGER", "ADMIN"] });
  const { store: storeParam } = await searchParams;
  const isAdmin = actor.role === "ADMIN";
  if (!isAdmin && !actor.storeId) forbidden();

  // Everyone but an admin works for their own store; an admin picks one with ?store=.
  const requested = typeof storeParam === "string" ? storeParam : undefined;
  const [store, stores] = await Promise.all([storeForNewLink(actor, requested), storesToPick(actor)]);

  const channels = store ? channelsForProvider(store.provider) : null;

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">New payment link</h1>
      {store && (
        <p className="mt-1 text-slate-600">
          For the {store.name} store, in {store.currency}.
          {isAdmin && (
            <>
              {" "}
              <Link href="/sessions/new" className="text-brand-700 underline underline-offset-2">
                Choose another store
              </Link>
            </>
          )}
        </p>
      )}
      <div className="mt-6">
        {store && channels ? (
          <PaymentLinkForm
            key={store.id}
            store={{ id: store.id, name: store.name, country: store.country, currency: store.currency, locale: store.locale, standardTaxRate: store.standardTaxRate, provider: store.provider }}
            allowedChannels={channels.allowed}
            {...(channels.note ? { unavailableChannelsNote: channels.note } : {})}
            phoneCountries={phoneCountryOptions(store.locale)}
            createAction={createPaymentLinkAction}
            checkDuplicate={checkDuplicateLinkAction}
            sendExisting={resendPaymentLinkAction}
            remindersDefaultOn={store.remindersDefaultOn}
            userId={actor.userId}
          />
        ) : (
          <StorePicker stores={stores} unknownStore={requested !== undefined} />
        )}
      </div>
    </div>
  );
}
