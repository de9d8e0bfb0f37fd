import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { StoreRow } from "@/lib/stores/queries";
import { PROVIDER_LABELS } from "@/lib/validation/store";

/** Admin → Stores. A store with payment links has no Delete: its links are history. */
export function StoresTable({ rows, deleteButton }: { rows: StoreRow[]; deleteButton: (row: StoreRow) => React.ReactNode }) {
  return (
    <DataTable columns={["Name", "Country", "Currency", "Locale", "Time zone", "HPP provider", "Tax rate", "Payment links", ""]}>
          {rows.map((s) => (
            <tr key={s.id} className="border-t border-slate-100">
              <td className="p-3">{s.name}</td>
              <td className="p-3">{s.country}</td>
              <td className="p-3">{s.currency}</td>
              <td className="p-3">{s.locale}</td>
              <td className="p-3">{s.timeZone}</td>
              <td className="p-3">{PROVIDER_LABELS[s.provider]}</td>
              <td className="p-3">{s.standardTaxRate / 100} %</td>
              <td className="p-3">{s.paymentLinks}</td>
              <td className="p-3">
                <div className="flex gap-2">
                  <Link href={`/admin/stores/${s.id}/edit`} aria-label={`Edit ${s.name}`} className="px-2 py-1 font-medium text-brand-700 underline">
                    Edit
                  </Link>
                  {s.paymentLinks === 0 && s.staff === 0 && deleteButton(s)}
                </div>
              </td>
            </tr>
          ))}
    </DataTable>
  );
}
