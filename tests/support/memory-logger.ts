import type { HppLogger } from "@/lib/hpp/log";

/** Collects log lines so tests can check what reaches the logs. */
export class MemoryLogger implements HppLogger {
  readonly entries: { message: string; details: Record<string, unknown> }[] = [];
  warn(message: string, details: Record<string, unknown>): void {
    this.entries.push({ message, details });
  }
  text(): string {
    return JSON.stringify(this.entries);
  }
}
