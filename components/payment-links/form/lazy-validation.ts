"use client";

import { useEffect, useState } from "react";
import type { FieldValues, Resolver } from "react-hook-form";
import type * as Validation from "@/lib/validation";

/**
 * The shared zod schemas and phone rules (zod + libphonenumber-js, ~80 KB gzip), loaded just after the
 * page instead of with it: the forms render and take input at once, and validate with the very same
 * schemas the server actions run as soon as they have arrived (well before a first submit).
 */
export type ValidationModule = typeof Validation;

let loaded: ValidationModule | undefined;
let loading: Promise<ValidationModule> | undefined;

export function loadValidation(): Promise<ValidationModule> {
  loading ??= import("@/lib/validation").then((module) => (loaded = module));
  return loading;
}

/** The validation module once loaded (undefined on the first render and until it arrives). */
export function useValidation(): ValidationModule | undefined {
  const [module, setModule] = useState<ValidationModule | undefined>(undefined);
  useEffect(() => {
    let current = true;
    if (loaded) queueMicrotask(() => current && setModule(loaded));
    else void loadValidation().then((value) => current && setModule(value));
    return () => {
      current = false;
    };
  }, []);
  return module;
}

/** zodResolver over a schema from the lazily loaded module, in raw mode (the action parses the values itself). */
export function lazyZodResolver<T extends FieldValues>(schemaOf: (validation: ValidationModule) => Parameters<typeof import("@hookform/resolvers/zod").zodResolver>[0]): Resolver<T, unknown, T> {
  let resolver: Resolver<T, unknown, T> | undefined;
  return async (values, context, options) => {
    if (!resolver) {
      const [{ zodResolver }, validation] = await Promise.all([import("@hookform/resolvers/zod"), loadValidation()]);
      resolver = zodResolver(schemaOf(validation), undefined, { raw: true }) as unknown as Resolver<T, unknown, T>;
    }
    return resolver(values, context, options);
  };
}
