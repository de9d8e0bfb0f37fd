import { UserError, type UserErrorOptions } from "@/lib/actions/user-error";
import { contactFieldOf, type ProviderMethod } from "@/lib/domain/channels";
import { fieldFor, HPP_ERROR_MESSAGES, isHppError, type HppErrorCode, type HppErrorField } from "@/lib/hpp/errors";
import { messageFor, type LinkErrorCode } from "./messages";

export type LinkFailureCode = LinkErrorCode | HppErrorCode;

/** A payment-link failure the agent can act on: the code's sentence unless a more precise one is given. */
export function linkError(code: LinkFailureCode, options: UserErrorOptions & { message?: string } = {}): UserError {
  const { message, ...rest } = options;
  return new UserError(code, message ?? messageFor(code), rest);
}

/** The payment-link form's field for a provider's error area; undefined where the form has no such field. */
function formFieldOfHppField(field: HppErrorField | undefined, method: ProviderMethod | null | undefined): string | undefined {
  switch (field) {
    case "email":
    case "phone":
    case "phoneCountry":
    case "accessId":
      return field;
    case "contact":
      return contactFieldOf(method);
    case "order":
    case "amount":
      return "lines";
    case "reference":
      return "merchantReference";
    default:
      // No field on the form: the message goes at the top, not under some unrelated field.
      return undefined;
  }
}

/**
 * The form field a failure belongs to, in the form's own names: from a live provider error (which may
 * name the exact field, e.g. phone_country) or, for a replay, from the stored code alone.
 */
export function formFieldOf(failure: unknown, method?: ProviderMethod | null): string | undefined {
  if (isHppError(failure)) return formFieldOfHppField(failure.field, method);
  if (typeof failure === "string" && Object.hasOwn(HPP_ERROR_MESSAGES, failure)) {
    return formFieldOfHppField(fieldFor(failure as HppErrorCode, method ?? undefined), method);
  }
  return undefined;
}
