import { isRecord } from "./http";

export type IssueKind = "missing" | "bad";

export interface Issue {
  field: string;
  kind: IssueKind;
}

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

interface IntRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function isInt(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Collects field issues the way the Checkout API reports them ("Missing value: x" / "Bad value: x"). */
export class Issues {
  readonly list: Issue[] = [];

  get count(): number {
    return this.list.length;
  }

  missing(field: string): void {
    this.list.push({ field, kind: "missing" });
  }

  bad(field: string): void {
    this.list.push({ field, kind: "bad" });
  }

  /** Returns the value when present; records missing (absent or null and required) or bad (null or wrong type). */
  private present(obj: Record<string, unknown>, key: string, path: string, required: boolean): unknown {
    const value = obj[key];
    if (value === undefined || (value === null && required)) {
      if (required) this.missing(path);
      return undefined;
    }
    return value;
  }

  string(obj: Record<string, unknown>, key: string, path: string, rule: StringRule = {}): string | undefined {
    const value = this.present(obj, key, path, rule.required ?? false);
    if (value === undefined) return undefined;
    if (
      typeof value !== "string" ||
      (rule.min !== undefined && value.length < rule.min) ||
      (rule.max !== undefined && value.length > rule.max) ||
      (rule.pattern !== undefined && !rule.pattern.test(value))
    ) {
      this.bad(path);
      return undefined;
    }
    return value;
  }

  int(obj: Record<string, unknown>, key: string, path: string, rule: IntRule = {}): number | undefined {
    const value = this.present(obj, key, path, rule.required ?? false);
    if (value === undefined) return undefined;
    if (
      !isInt(value) ||
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max)
    ) {
      this.bad(path);
      return undefined;
    }
    return value;
  }

  bool(obj: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const value = this.present(obj, key, path, false);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") {
      this.bad(path);
      return undefined;
    }
    return value;
  }

  object(obj: Record<string, unknown>, key: string, path: string, required = false): Record<string, unknown> | undefined {
    const value = this.present(obj, key, path, required);
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.bad(path);
      return undefined;
    }
    return value;
  }

  array(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    rule: { required?: boolean; minItems?: number; maxItems?: number } = {},
  ): unknown[] | undefined {
    const value = this.present(obj, key, path, rule.required ?? false);
    if (value === undefined) return undefined;
    if (
      !Array.isArray(value) ||
      (rule.minItems !== undefined && value.length < rule.minItems) ||
      (rule.maxItems !== undefined && value.length > rule.maxItems)
    ) {
      this.bad(path);
      return undefined;
    }
    return value;
  }

  stringArray(obj: Record<string, unknown>, key: string, path: string, rule: { minItems?: number; maxItems?: number } = {}): void {
    const items = this.array(obj, key, path, rule);
    items?.forEach((item, index) => {
      if (typeof item !== "string") this.bad(`${path}[${index}]`);
    });
  }

  /** Every listed key, when present, must be a string. */
  strings(obj: Record<string, unknown>, keys: readonly string[], prefix: string): void {
    for (const key of keys) this.string(obj, key, `${prefix}.${key}`);
  }
}

export function issueMessage(issue: Issue): string {
  return `${issue.kind === "missing" ? "Missing value" : "Bad value"}: ${issue.field}`;
}
