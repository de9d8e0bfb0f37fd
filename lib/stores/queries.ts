import "server-only";
import { db } from "@/lib/db";

export type StoreRow = {
  id: string;
  name: string;
  country: string;
  currency: string;
  locale: string;
  timeZone: string;
  provider: "KUSTOM" | "PAYMENT_PLATFORM";
  standardTaxRate: number;
  paymentLinks: number;
  staff: number;
};

/** Admin → Stores: every store with how many payment links and staff it has. */
export async function listStores(): Promise<StoreRow[]> {
  const stores = await db().store.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, country: true, currency: true, locale: true, timeZone: true, provider: true, standardTaxRate: true, _count: { select: { sessions: true, users: true } } },
  });
  return stores.map(({ _count, ...store }) => ({ ...store, paymentLinks: _count.sessions, staff: _count.users }));
}

export async function getStore(storeId: string) {
  return db().store.findUnique({
    where: { id: storeId },
    select: { id: true, name: true, country: true, currency: true, locale: true, timeZone: true, provider: true, standardTaxRate: true },
  });
}
