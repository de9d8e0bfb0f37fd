import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentActor } from "@/lib/auth/actor";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await currentActor()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to the pay-by-link portal</h1>
        <p className="mt-1 text-sm text-slate-600">Staff accounts only.</p>
        <LoginForm callbackUrl={next} action={signInAction} />
      </div>
    </main>
  );
}
