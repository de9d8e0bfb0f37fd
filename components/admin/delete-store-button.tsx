"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionOutcome } from "@/components/ui/action-result";
import { Button } from "@/components/ui/button";

/** Deletes an unused store after a confirmation. */
export function DeleteStoreButton({ name, action }: { name: string; action: () => Promise<ActionOutcome<unknown>> }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        className="!px-2 !py-1"
        pending={pending}
        aria-label={`Delete ${name}`}
        onClick={() => {
          if (!window.confirm(`Delete the store ${name}? It has no payment links or staff.`)) return;
          startTransition(async () => {
            const result = await action();
            if (result.ok) router.refresh();
            else setError(result.message);
          });
        }}
      >
        Delete
      </Button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </>
  );
}
