"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { showRefusal } from "@/components/ui/action-result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH, setPasswordSchema, type SetPasswordInput } from "@/lib/validation/password";

export type SetPasswordFormProps = {
  action: (input: SetPasswordInput) => Promise<{ ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> }>;
};

/** New password and Confirm password, then a link to sign in. */
export function SetPasswordForm({ action }: SetPasswordFormProps) {
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<SetPasswordInput>({
    resolver: zodResolver(setPasswordSchema),
    defaultValues: { password: "", confirmPassword: "" },
  });

  async function onSubmit(values: SetPasswordInput) {
    setMessage(undefined);
    const result = await action(values);
    if (result.ok) return setDone(true);
    setMessage(showRefusal(result, setError));
  }

  if (done) {
    return (
      <div className="mt-6 space-y-4">
        <Alert tone="success">Your password is set. You can sign in now.</Alert>
        <Link href="/login" className="inline-block font-medium text-brand-700 underline">
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="mt-6 space-y-2">
      {message && <Alert>{message}</Alert>}
      <Field id="password" type="password" label="New password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters; a phrase of several words is easiest.`} error={formState.errors.password?.message} {...register("password")} />
      <Field id="confirmPassword" type="password" label="Confirm password" autoComplete="new-password" error={formState.errors.confirmPassword?.message} {...register("confirmPassword")} />
      <Button type="submit" pending={formState.isSubmitting} className="w-full">
        Set password
      </Button>
    </form>
  );
}
