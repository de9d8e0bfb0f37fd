"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { SignInState } from "@/lib/auth/messages";

export type LoginFormProps = {
  callbackUrl: string;
  action: (previous: SignInState, form: FormData) => Promise<SignInState>;
};

/**
 * A server-action form: React renders it as a POST, so a submit before hydration or with JavaScript
 * off posts the password in the body and gets the same answer as a hydrated submit.
 */
export function LoginForm({ callbackUrl, action }: LoginFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="mt-6 space-y-2">
      {state.error && <Alert>{state.error}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="email" name="email" type="email" label="Email" autoComplete="username" defaultValue={state.email} key={state.email ?? ""} required />
      <Field id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
