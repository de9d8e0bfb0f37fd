import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Button } from "@/components/ui/button";
import { requirePageActor } from "@/lib/auth/actor";
import { changePasswordAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePageActor();
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold">Account</h1>
        <p className="mt-1 text-sm text-slate-600">Signed in as {actor.email}</p>
      </div>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
      <section aria-labelledby="devices-heading" className="space-y-3">
        <h2 id="devices-heading" className="text-lg font-semibold">
          Sign out of all devices
        </h2>
        <p className="max-w-prose text-sm text-slate-600">Ends every session of yours, on this and every other browser. Use it if you signed in somewhere you no longer control.</p>
        <form action={signOutEverywhereAction}>
          <Button type="submit" variant="danger">
            Sign out of all devices
          </Button>
        </form>
      </section>
    </div>
  );
}
