import Link from "next/link";
import { Button } from "./button";

/** A form's submit button and the Cancel link back to where it came from. */
export function FormActions({ submitLabel, pending, cancelHref, className = "" }: { submitLabel: string; pending: boolean; cancelHref: string; className?: string }) {
  return (
    <div className={`flex gap-3 pt-2 ${className}`}>
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
      <Link href={cancelHref} className="inline-flex items-center px-2 text-sm font-medium text-slate-700 underline">
        Cancel
      </Link>
    </div>
  );
}
