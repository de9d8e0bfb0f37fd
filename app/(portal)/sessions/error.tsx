"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function SessionsError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto max-w-md rounded-lg border border-red-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">We couldn&apos;t load this page. Nothing was changed.</p>
      <Button type="button" className="mt-6" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
