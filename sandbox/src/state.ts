import type { SandboxConfig } from "./config";
import type { SerializedResponse } from "./http";

export const OPERATION_IDS = [
  "createOrderMerchant",
  "readOrderMerchant",
  "updateOrderMerchant",
  "abortOrder",
  "createHppSession",
  "getSessionById",
  "disableHppSession",
  "distributeHppSession",
  "platformToken",
  "platformCreateSession",
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

export const HPP_STATUSES = [
  "WAITING",
  "BACK",
  "IN_PROGRESS",
  "MANUAL_ID_CHECK",
  "COMPLETED",
  "CANCELLED",
  "FAILED",
  "DISABLED",
  "ERROR",
] as const;
export type HppStatus = (typeof HPP_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<HppStatus> = new Set<HppStatus>(["COMPLETED", "CANCELLED", "DISABLED"]);

/** Statuses from which opening the pay page lets the customer (re)try. */
export const RETRYABLE_STATUSES: ReadonlySet<HppStatus> = new Set<HppStatus>(["WAITING", "BACK", "FAILED", "ERROR"]);

export type OrderStatus = "checkout_incomplete" | "checkout_complete";

export interface Order {
  id: string;
  /** Basic username of the merchant that created it. */
  owner: string;
  /** Merchant-supplied fields, read-only fields stripped. */
  data: Record<string, unknown>;
  status: OrderStatus;
  aborted: boolean;
  startedAt: number;
  lastModifiedAt: number;
  completedAt: number | null;
  expiresAt: number;
}

export interface HppSession {
  id: string;
  /** Basic username of the merchant that created it; other merchants get 403. */
  owner: string;
  orderId: string;
  status: HppStatus;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  merchantUrls: Record<string, string>;
  options: Record<string, unknown>;
  profileId: string | null;
  distributionToken: string;
}

export type OutboxChannel = "sms" | "email" | "token";

export interface OutboxMessage {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  session_id: string;
  link: string;
  sent_at: string;
}

export interface RequestLogEntry {
  operation: OperationId;
  method: string;
  path: string;
  idempotency_key: string | null;
  /** null when the request was left hanging by a fault. */
  status: number | null;
  at: string;
}

export type CallbackOutcome = "ok" | `http_${number}` | "timeout" | "network_error";

export interface CallbackAttempt {
  session_id: string;
  event_id: string;
  status: HppStatus;
  url: string;
  attempt: number;
  outcome: CallbackOutcome;
  at: string;
}

export const FAULT_KINDS = [
  "503",
  "500",
  "429",
  "401",
  "hang",
  "malformed_json",
  "error_code",
  "html_502",
  "drop_body",
  "no_location",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  operation: OperationId;
  fault: FaultKind;
  remaining: number;
  retry_after_seconds?: number | undefined;
  error_code?: string | undefined;
  status?: number | undefined;
  body_contains?: string | undefined;
}

export interface PlatformToken {
  username: string;
  expiresAt: number;
}

export type PlatformSessionStatus = "PENDING" | "COMPLETED" | "CANCELLED" | "FAILED";

export interface PlatformSession {
  id: string;
  token: string;
  status: PlatformSessionStatus;
  createdAt: number;
  updatedAt: number;
  reference: string;
  terminalId: string;
  currency: string;
  amount: number;
  transactionType: string;
  description: string | null;
  successUrl: string;
  cancelUrl: string;
  errorUrl: string;
  customer: Record<string, string>;
  saveCard: boolean;
}

export class SandboxState {
  orders = new Map<string, Order>();
  sessions = new Map<string, HppSession>();
  outbox: OutboxMessage[] = [];
  requests: RequestLogEntry[] = [];
  callbackAttempts: CallbackAttempt[] = [];
  idempotency = new Map<string, SerializedResponse>();
  faults: Fault[] = [];
  platformTokens = new Map<string, PlatformToken>();
  platformSessions = new Map<string, PlatformSession>();
  /** Added to real time by the sandbox clock (`now(ctx)`). */
  clockOffsetMs = 0;

  constructor(public config: SandboxConfig) {}
}
