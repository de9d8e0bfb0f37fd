"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { showRefusal, type ActionOutcome } from "@/components/ui/action-result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { changePasswordSchema, PASSWORD_MIN_LENGTH, type ChangePasswordInput } from "@/lib/validation/password";

export type ChangePasswordFormProps = { action: (input: ChangePasswordInput) => Promise<ActionOutcome<unknown>> };

/** Current, new and confirm; other devices are signed out when it succeeds. */
export function ChangePasswordForm({ action }: ChangePasswordFormProps) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const { register, handleSubmit, setError, reset, formState } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
  });
  const errors = formState.errors;

  async function onSubmit(values: ChangePasswordInput) {
    setMessage(undefined);
    const result = await action(values);
    if (!result.ok) return setMessage({ tone: "error", text: showRefusal(result, setError) });
    reset();
    setMessage({ tone: "success", text: "Password changed. Your other devices have been signed out." });
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-md space-y-2">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Field id="currentPassword" type="password" label="Current password" autoComplete="current-password" error={errors.currentPassword?.message} {...register("currentPassword")} />
      <Field id="password" type="password" label="New password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters; a phrase of several words is easiest.`} error={errors.password?.message} {...register("password")} />
      <Field id="confirmPassword" type="password" label="Confirm new password" autoComplete="new-password" error={errors.confirmPassword?.message} {...register("confirmPassword")} />
      <Button type="submit" pending={formState.isSubmitting}>
        Change password
      </Button>
    </form>
  );
}
