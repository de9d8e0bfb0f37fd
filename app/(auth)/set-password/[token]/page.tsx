import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { Alert } from "@/components/ui/alert";
import { passwordLinkTokenState } from "@/lib/staff/queries";
import { LINK_MESSAGES } from "@/lib/staff/set-password-with-link";
import { setPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await passwordLinkTokenState(token);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Set your password</h1>
        {state === "valid" ? (
          <SetPasswordForm action={setPasswordAction.bind(null, token)} />
        ) : (
          <div className="mt-6 space-y-4">
            <Alert>{LINK_MESSAGES[state]}</Alert>
            <Link href="/login" className="inline-block text-sm font-medium text-brand-700 underline">
              Go to sign in
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
