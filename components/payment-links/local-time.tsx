/** Moved to components/ui (shared with staff administration); kept so imports here still resolve. */
export { LocalTime, type LocalTimeProps } from "@/components/ui/local-time";
