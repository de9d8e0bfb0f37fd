import type { Db } from "@/lib/db";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, storeOf } from "../sessions/harness";

/** A store of its own for one test, so its worklist holds only what the test made. */
export async function freshStore(db: Db, overrides: { provider?: "KUSTOM" | "PAYMENT_PLATFORM" } = {}) {
  const staff = await createStoreWithStaff(db, overrides);
  return { store: storeOf(staff.store), agent: actorOf(staff.agent), manager: actorOf(staff.manager), admin: actorOf(staff.admin) };
}

export const minutes = (n: number) => n * 60_000;
export const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);
