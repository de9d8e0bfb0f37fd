import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { ActionOutcome } from "@/components/ui/action-result";
import type { StaffRow } from "@/lib/staff/queries";
import { ROLE_LABELS } from "@/lib/validation/staff";
import { StaffRowActions } from "./staff-row-actions";

export type StaffTableProps = {
  rows: StaffRow[];
  setDisabled: (userId: string, disabled: boolean) => Promise<ActionOutcome<unknown>>;
  resetPassword: (userId: string) => Promise<ActionOutcome<{ link: string }>>;
};

/** Name, Email, Role, Store, Status, Last sign-in, and what the viewer may do to each. */
export function StaffTable({ rows, setDisabled, resetPassword }: StaffTableProps) {
  return (
    <DataTable columns={["Name", "Email", "Role", "Store", "Status", "Last sign-in", ""]}>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="p-3 font-medium">
                {row.name}
              </th>
              <td className="p-3 whitespace-nowrap">{row.email}</td>
              <td className="p-3">{ROLE_LABELS[row.role]}</td>
              <td className="p-3">{row.storeName ?? "All stores"}</td>
              <td className="p-3">{row.disabled ? "Disabled" : "Active"}</td>
              <td className="p-3 whitespace-nowrap">{row.lastSignInAt ? <LocalTime iso={row.lastSignInAt} locale="en-GB" /> : "Never"}</td>
              <td className="p-3">
                <StaffRowActions
                  name={row.name}
                  disabled={row.disabled}
                  can={row.can}
                  editHref={`/admin/staff/${row.id}/edit`}
                  setDisabled={setDisabled.bind(null, row.id)}
                  resetPassword={resetPassword.bind(null, row.id)}
                />
              </td>
            </tr>
          ))}
    </DataTable>
  );
}
