"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionOutcome } from "@/components/ui/action-result";
import { Button } from "@/components/ui/button";
import { OneTimeLink } from "@/components/ui/one-time-link";

export type StaffRowActionsProps = {
  name: string;
  disabled: boolean;
  can: { edit: boolean; disable: boolean; reset: boolean };
  editHref: string;
  setDisabled: (disabled: boolean) => Promise<ActionOutcome<unknown>>;
  resetPassword: () => Promise<ActionOutcome<{ link: string }>>;
};

type Asking = "toggle" | "reset" | null;

/** Edit, Disable/Enable and Reset password for one row; the last two ask for confirmation first. */
export function StaffRowActions({ name, disabled, can, editHref, setDisabled, resetPassword }: StaffRowActionsProps) {
  const router = useRouter();
  const [asking, setAsking] = useState<Asking>(null);
  const [error, setError] = useState<string>();
  const [link, setLink] = useState<string>();
  const [pending, startTransition] = useTransition();

  const question =
    asking === "toggle"
      ? disabled
        ? `Enable ${name}? They can sign in again.`
        : `Disable ${name}? They are signed out at once and can't sign in.`
      : `Reset the password of ${name}? Their current password stops working and they are signed out.`;

  function confirm() {
    setError(undefined);
    startTransition(async () => {
      const result = asking === "toggle" ? await setDisabled(!disabled) : await resetPassword();
      setAsking(null);
      if (!result.ok) return setError(result.message);
      if (asking === "reset") setLink((result.data as { link: string }).link);
      router.refresh();
    });
  }

  if (asking) {
    return (
      <div role="group" aria-label={`Confirm for ${name}`} className="flex flex-wrap items-center gap-2">
        <span className="text-sm">{question}</span>
        <Button autoFocus type="button" variant={asking === "toggle" && !disabled ? "danger" : "primary"} pending={pending} onClick={confirm}>
          {asking === "reset" ? "Reset password" : disabled ? "Enable" : "Disable"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setAsking(null)}>
          Cancel
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {can.edit && (
          <Link href={editHref} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 underline" aria-label={`Edit ${name}`}>
            Edit
          </Link>
        )}
        {can.disable && (
          <Button type="button" variant="secondary" className="!px-2 !py-1" onClick={() => setAsking("toggle")} aria-label={`${disabled ? "Enable" : "Disable"} ${name}`}>
            {disabled ? "Enable" : "Disable"}
          </Button>
        )}
        {can.reset && (
          <Button type="button" variant="secondary" className="!px-2 !py-1" onClick={() => setAsking("reset")} aria-label={`Reset password of ${name}`}>
            Reset password
          </Button>
        )}
      </div>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {link && <OneTimeLink url={link} heading={`New set-password link for ${name}`} />}
    </div>
  );
}
