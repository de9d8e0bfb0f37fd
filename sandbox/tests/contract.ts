import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/** Loads the two OpenAPI contracts and answers "is this request/response what the contract documents?". */

const CONTRACT_FILES = {
  hpp: "klarna-hpp-v1.openapi.yml",
  checkout: "kustom-checkout-v3.openapi.yml",
} as const;

type Doc = Record<string, unknown>;

interface OperationSpec {
  base: string;
  requestSchemaRef: string | null;
  responses: Record<string, { schemaRef: string | null }>;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function loadContract(file: string): Doc {
  const location = path.resolve(process.cwd(), "../shared/contracts", file);
  if (!existsSync(location)) {
    throw new Error(`Contract ${file} not found at ${location}: run the tests from the repo root with ../shared/contracts present`);
  }
  return record(parse(readFileSync(location, "utf8")));
}

function schemaRefOf(content: unknown): string | null {
  const media = Object.values(record(content))[0];
  const ref = record(record(media).schema).$ref;
  return typeof ref === "string" ? ref : null;
}

export class Contracts {
  private readonly ajv: Ajv;
  private readonly operations = new Map<string, OperationSpec>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
    for (const [name, file] of Object.entries(CONTRACT_FILES)) {
      const doc = loadContract(file);
      const base = `https://contracts.sandbox.test/${name}.json`;
      this.ajv.addSchema({ $id: base, components: doc.components });
      const requestBodies = record(record(doc.components).requestBodies);
      for (const methods of Object.values(record(doc.paths))) {
        for (const op of Object.values(record(methods))) {
          const operation = record(op);
          if (typeof operation.operationId !== "string") continue;
          let requestBody = record(operation.requestBody);
          if (typeof requestBody.$ref === "string") {
            requestBody = record(requestBodies[requestBody.$ref.split("/").pop() ?? ""]);
          }
          const responses: OperationSpec["responses"] = {};
          for (const [status, response] of Object.entries(record(operation.responses))) {
            responses[status] = { schemaRef: schemaRefOf(record(response).content) };
          }
          this.operations.set(operation.operationId, { base, requestSchemaRef: schemaRefOf(requestBody.content), responses });
        }
      }
    }
  }

  private spec(operationId: string): OperationSpec {
    const spec = this.operations.get(operationId);
    if (!spec) throw new Error(`operation ${operationId} is not in the contracts`);
    return spec;
  }

  private validator(base: string, ref: string): ValidateFunction {
    const key = `${base}${ref}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: key });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  documentedStatuses(operationId: string): number[] {
    return Object.keys(this.spec(operationId).responses).map(Number);
  }

  /** null when valid, else ajv's error text. */
  requestErrors(operationId: string, body: unknown): string | null {
    const spec = this.spec(operationId);
    if (!spec.requestSchemaRef) throw new Error(`${operationId} documents no request body`);
    const validate = this.validator(spec.base, spec.requestSchemaRef);
    return validate(body) ? null : this.ajv.errorsText(validate.errors);
  }

  /** Validates against an ad-hoc JSON schema (e.g. the error shapes the contracts README describes). */
  schemaErrors(schema: object, data: unknown): string | null {
    const validate = this.ajv.compile(schema);
    return validate(data) ? null : this.ajv.errorsText(validate.errors);
  }

  responseSchemaRef(operationId: string, status: number): string | null {
    return this.spec(operationId).responses[String(status)]?.schemaRef ?? null;
  }

  /** null when valid, else ajv's error text; throws if the status documents no body. */
  responseErrors(operationId: string, status: number, body: unknown): string | null {
    const spec = this.spec(operationId);
    const ref = this.responseSchemaRef(operationId, status);
    if (!ref) throw new Error(`${operationId} ${status} documents no body`);
    const validate = this.validator(spec.base, ref);
    return validate(body) ? null : this.ajv.errorsText(validate.errors);
  }
}
