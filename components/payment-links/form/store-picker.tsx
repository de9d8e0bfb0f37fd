import Link from "next/link";
import { Alert } from "@/components/ui/alert";

export type StorePickerProps = {
  stores: { id: string; name: string; currency: string }[];
  /** ?store= named a store that does not exist. */
  unknownStore: boolean;
};

/** An admin belongs to no store, so they choose which one the payment link is for. */
export function StorePicker({ stores, unknownStore }: StorePickerProps) {
  return (
    <section aria-labelledby="store-picker-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="store-picker-heading" className="text-lg font-semibold">
        Choose a store
      </h2>
      <p className="mt-1 text-sm text-slate-600">The payment link uses the store&apos;s currency, tax rate and payment provider.</p>
      {unknownStore && (
        <div className="mt-4">
          <Alert>That store doesn&apos;t exist. Choose one from the list.</Alert>
        </div>
      )}
      <ul className="mt-4 grid gap-2 sm:grid-cols-2">
        {stores.map((store) => (
          <li key={store.id}>
            <Link
              href={`/sessions/new?store=${encodeURIComponent(store.id)}`}
              className="block rounded-md border border-slate-200 px-4 py-3 font-medium hover:border-brand-500 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              {store.name} <span className="font-normal text-slate-500">({store.currency})</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
