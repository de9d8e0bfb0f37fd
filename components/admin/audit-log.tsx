import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditRow } from "@/lib/audit/queries";

const ACTION_LABELS: Record<string, string> = {
  "user.created": "Added staff member",
  "user.updated": "Edited staff member",
  "user.disabled": "Disabled",
  "user.enabled": "Enabled",
  "user.password_reset_issued": "Reset password",
  "user.password_set": "Set password with link",
  "user.password_changed": "Changed password",
  "user.signed_out_everywhere": "Signed out of all devices",
  "store.created": "Added store",
  "store.updated": "Edited store",
  "store.deleted": "Deleted store",
  "sessions.exported": "Exported payment links",
};

function describe(detail: unknown): string {
  const changes = (detail as { changes?: Record<string, { from: unknown; to: unknown }> } | null)?.changes;
  if (!changes) return "";
  return Object.entries(changes)
    .map(([field, { from, to }]) => `${field}: ${String(from ?? "—")} → ${String(to ?? "—")}`)
    .join("; ");
}

/** Who did what to whom, when — newest first. */
export function AuditLog({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="mt-3 text-sm text-slate-600">No staff or store changes yet.</p>;
  return (
    <DataTable columns={["When", "Who", "What", "Whom", "Details"]}>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100">
              <td className="p-3 whitespace-nowrap">
                <LocalTime iso={row.at} locale="en-GB" />
              </td>
              <td className="p-3">{row.actor}</td>
              <td className="p-3">{ACTION_LABELS[row.action] ?? row.action}</td>
              <td className="p-3">{row.target}</td>
              <td className="p-3 text-slate-600">{describe(row.detail)}</td>
            </tr>
          ))}
    </DataTable>
  );
}
