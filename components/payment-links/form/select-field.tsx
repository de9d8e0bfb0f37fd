/** Moved to components/ui (shared with staff administration); kept so imports here still resolve. */
export { SelectField, type SelectFieldProps } from "@/components/ui/select-field";
