export * from "@/lib/validation/email";
export * from "@/lib/validation/field-errors";
export * from "@/lib/validation/payment-link";
export * from "@/lib/validation/phone";
