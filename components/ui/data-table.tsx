import type { ReactNode } from "react";

export type DataTableProps = {
  /** Column headings; an empty string is an unlabeled actions column (read by screen readers as "Actions"). */
  columns: readonly string[];
  children: ReactNode;
};

/** A bordered, horizontally scrollable table with a header row; the rows are the children. Relative, so the sr-only heading stays inside the scroll box rather than widening the page. */
export function DataTable({ columns, children }: DataTableProps) {
  return (
    <div className="relative mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {columns.map((column, index) => (
              <th key={index} className="p-3">
                {column || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
