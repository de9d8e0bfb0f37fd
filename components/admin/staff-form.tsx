"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { showRefusal, type ActionOutcome } from "@/components/ui/action-result";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { OneTimeLink } from "@/components/ui/one-time-link";
import { SelectField } from "@/components/ui/select-field";
import { createStaffSchema, ROLE_LABELS, updateStaffSchema, type CreateStaffInput, type StaffRole } from "@/lib/validation/staff";

type StoreOption = { id: string; name: string };

export type StaffFormProps =
  | {
      mode: "create";
      roles: readonly StaffRole[];
      stores: StoreOption[];
      action: (input: CreateStaffInput) => Promise<ActionOutcome<{ link: string }>>;
    }
  | {
      mode: "edit";
      roles: readonly StaffRole[];
      stores: StoreOption[];
      defaults: { name: string; email: string; role: StaffRole; storeId: string };
      action: (input: Omit<CreateStaffInput, "email">) => Promise<ActionOutcome<unknown>>;
    };

/** Add staff member (then the one-time link, once) or Edit (name, role, store). */
export function StaffForm(props: StaffFormProps) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [link, setLink] = useState<string>();
  const form = useForm<CreateStaffInput>({
    resolver: zodResolver(props.mode === "create" ? createStaffSchema : updateStaffSchema) as never,
    defaultValues: props.mode === "edit" ? props.defaults : { name: "", email: "", role: props.roles[0], storeId: props.stores.length === 1 ? props.stores[0]!.id : "" },
  });
  const { register, handleSubmit, control, setError, formState } = form;
  const role = useWatch({ control, name: "role" });

  async function onSubmit(values: CreateStaffInput) {
    setMessage(undefined);
    const result = props.mode === "create" ? await props.action(values) : await props.action({ name: values.name, role: values.role, storeId: values.storeId });
    if (!result.ok) return setMessage(showRefusal(result, setError));
    if (props.mode === "edit") return router.push("/admin");
    setLink((result.data as { link: string }).link);
  }

  if (link) {
    return (
      <div className="space-y-4">
        <OneTimeLink url={link} heading="Account created" />
        <Link href="/admin" className="inline-block text-sm font-medium text-brand-700 underline">
          Back to staff
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-lg space-y-2">
      {message && <Alert>{message}</Alert>}
      <Field id="name" label="Name" autoComplete="off" error={formState.errors.name?.message} {...register("name")} />
      <Field id="email" label="Email" type="email" autoComplete="off" readOnly={props.mode === "edit"} error={formState.errors.email?.message} {...register("email")} />
      <SelectField id="role" label="Role" error={formState.errors.role?.message} {...register("role")}>
        {props.roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <SelectField id="storeId" label="Store" disabled={role === "ADMIN"} error={formState.errors.storeId?.message} {...register("storeId")}>
        <option value="">{role === "ADMIN" ? "All stores (admins)" : "Choose a store"}</option>
        {props.stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <FormActions submitLabel={props.mode === "create" ? "Create account" : "Save changes"} pending={formState.isSubmitting} cancelHref="/admin" />
    </form>
  );
}
