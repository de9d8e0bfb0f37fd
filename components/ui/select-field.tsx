import { forwardRef, type SelectHTMLAttributes } from "react";

export type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  id: string;
  label: string;
  error?: string;
};

/** The select counterpart of ./field: label above, error announced under it. */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { id, label, error, className = "", children, ...props },
  ref,
) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500 ${
          error ? "border-red-500" : "border-slate-300"
        }`}
        {...props}
      >
        {children}
      </select>
      <p id={`${id}-error`} aria-live="polite" className="mt-1 min-h-4 text-xs text-red-600">
        {error}
      </p>
    </div>
  );
});
