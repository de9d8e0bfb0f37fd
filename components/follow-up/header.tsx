import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The worklist's title and how many links need attention. */
export function FollowUpHeader({ total, children }: { total?: number; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-2">
      <div>
        <h1 className="text-2xl font-semibold">Follow-up</h1>
        <p className="mt-1 text-slate-600">
          {total === undefined ? "Links that need attention." : total === 1 ? "1 link needs attention." : `${total} links need attention.`}
        </p>
      </div>
      {children}
    </div>
  );
}

/** Admins: every store, or one (a GET form, so the choice is in the URL). */
export function StoreFilter({ stores, selected }: { stores: { id: string; name: string }[]; selected: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      <label className="text-sm font-medium">
        Store
        <select name="store" defaultValue={selected} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
          <option value="">All stores</option>
          {stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
