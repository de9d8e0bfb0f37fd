import { randomUUID } from "node:crypto";
import { MERCHANT_NAME, now, type SandboxContext } from "./context";
import { klarnaError } from "./errors";
import { escapeHtml, isRecord, isoSeconds, parseJson, serializeJson, type SerializedResponse } from "./http";
import { changeStatus, findOrder, isFinal, orderUrl, ORDER_TTL_MS } from "./lifecycle";
import type { OperationDef } from "./operation";
import type { Order } from "./state";
import { issueMessage, Issues, type Issue } from "./validate";

const COUNTRY = /^[A-Za-z]{2}$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const LOCALE = /^[A-Za-z]{2}(?:-[A-Za-z]{2})*$/;
const HEX_COLOR = /^#[A-Fa-f0-9]{6}$/;
const ACQUIRING_CHANNEL = /ECOMMERCE|MOTO|IN_STORE|TELESALES/;
const MAX_MINOR_UNITS = 100_000_000;
const MAX_ORDER_LINES = 1000;

/** Read-only fields of the order schema: accepted in requests but never stored. */
const READ_ONLY_FIELDS = [
  "order_id",
  "name",
  "status",
  "html_snippet",
  "started_at",
  "completed_at",
  "last_modified_at",
  "recurring_token",
  "recurring_description",
  "merchant_requested",
];

const ADDRESS_FIELDS = [
  "given_name", "family_name", "email", "title", "street_address", "street_address2", "street_name",
  "street_number", "house_extension", "postal_code", "city", "region", "phone", "country", "care_of",
];
const CUSTOMER_FIELDS = ["type", "gender", "date_of_birth", "organization_registration_id", "vat_id"];
const REQUIRED_MERCHANT_URLS = ["terms", "checkout", "confirmation", "push"];
const OPTIONAL_MERCHANT_URLS = [
  "validation", "notification", "cancellation_terms", "shipping_option_update", "address_update", "country_change",
];
const OPTION_BOOLEANS = [
  "require_validate_callback_success", "vat_removed", "allow_separate_shipping_address", "date_of_birth_mandatory",
  "title_mandatory", "national_identification_number_mandatory", "phone_mandatory", "show_subtotal_detail",
  "verify_national_identification_number", "auto_capture", "require_client_validation", "enable_discount_module",
  "show_vat_registration_number_field",
];
const OPTION_COLORS = ["color_button", "color_button_text", "color_checkbox", "color_checkbox_checkmark", "color_header", "color_link"];

function stripReadOnly(input: Record<string, unknown>): Record<string, unknown> {
  const data = { ...input };
  for (const key of READ_ONLY_FIELDS) delete data[key];
  return data;
}

/** The line's totals, or null when the line is too broken for the amount arithmetic to mean anything. */
function validateLine(v: Issues, line: unknown, path: string): { totalAmount: number; totalTax: number } | null {
  if (!isRecord(line)) {
    v.bad(path);
    return null;
  }
  const before = v.count;
  v.string(line, "name", `${path}.name`, { required: true, min: 1, max: 255 });
  const quantity = v.int(line, "quantity", `${path}.quantity`, { required: true, min: 0 });
  const unitPrice = v.int(line, "unit_price", `${path}.unit_price`, { required: true, max: MAX_MINOR_UNITS });
  const taxRate = v.int(line, "tax_rate", `${path}.tax_rate`, { required: true, min: 0, max: 10_000 });
  const totalAmount = v.int(line, "total_amount", `${path}.total_amount`, { required: true, max: MAX_MINOR_UNITS });
  const discount = v.int(line, "total_discount_amount", `${path}.total_discount_amount`, { min: 0 }) ?? 0;
  const totalTax = v.int(line, "total_tax_amount", `${path}.total_tax_amount`, { required: true });
  v.string(line, "type", `${path}.type`);
  v.string(line, "reference", `${path}.reference`, { max: 255 });
  v.string(line, "quantity_unit", `${path}.quantity_unit`, { min: 1, max: 8 });
  v.string(line, "merchant_data", `${path}.merchant_data`, { max: 1024 });
  v.string(line, "product_url", `${path}.product_url`, { max: 1024 });
  v.string(line, "image_url", `${path}.image_url`, { max: 1024 });
  v.object(line, "product_identifiers", `${path}.product_identifiers`);
  v.object(line, "shipping_attributes", `${path}.shipping_attributes`);
  const subscription = v.object(line, "subscription", `${path}.subscription`);
  if (subscription) {
    v.string(subscription, "interval", `${path}.subscription.interval`, { required: true, pattern: /^(DAY|WEEK|MONTH|YEAR)$/ });
    v.int(subscription, "interval_count", `${path}.subscription.interval_count`, { required: true, min: 1 });
  }
  if (
    v.count > before ||
    quantity === undefined ||
    unitPrice === undefined ||
    taxRate === undefined ||
    totalAmount === undefined ||
    totalTax === undefined
  ) {
    return null;
  }
  if (totalAmount !== quantity * unitPrice - discount) v.bad(`${path}.total_amount`);
  // |tax − (total − total·10000/(10000+rate))| ≤ 1, multiplied through by (10000+rate) to stay in integers.
  const denominator = 10_000 + taxRate;
  if (Math.abs(totalTax * denominator - totalAmount * taxRate) > denominator) v.bad(`${path}.total_tax_amount`);
  return { totalAmount, totalTax };
}

function validateOptions(v: Issues, order: Record<string, unknown>): void {
  const options = v.object(order, "options", "options");
  if (!options) return;
  for (const key of OPTION_BOOLEANS) v.bool(options, key, `options.${key}`);
  for (const key of OPTION_COLORS) v.string(options, key, `options.${key}`, { pattern: HEX_COLOR });
  v.string(options, "acquiring_channel", "options.acquiring_channel", { pattern: ACQUIRING_CHANNEL });
  v.string(options, "shipping_details", "options.shipping_details");
  v.string(options, "additional_merchant_terms", "options.additional_merchant_terms");
  v.string(options, "radius_border", "options.radius_border");
  v.stringArray(options, "allowed_customer_types", "options.allowed_customer_types", { minItems: 1, maxItems: 2 });
}

export function validateOrder(order: Record<string, unknown>): Issue[] {
  const v = new Issues();
  v.string(order, "locale", "locale", { required: true, pattern: LOCALE });
  v.string(order, "purchase_country", "purchase_country", { required: true, pattern: COUNTRY });
  v.string(order, "purchase_currency", "purchase_currency", { required: true, pattern: CURRENCY });
  const orderAmount = v.int(order, "order_amount", "order_amount", { required: true, min: 0 });
  const orderTax = v.int(order, "order_tax_amount", "order_tax_amount", { required: true, min: 0 });
  const lines = v.array(order, "order_lines", "order_lines", { required: true, maxItems: MAX_ORDER_LINES });
  const totals = lines?.map((line, index) => validateLine(v, line, `order_lines[${index}]`)) ?? [];

  v.string(order, "merchant_reference1", "merchant_reference1", { max: 255 });
  v.string(order, "merchant_reference2", "merchant_reference2", { max: 255 });
  v.string(order, "merchant_data", "merchant_data", { max: 6000 });
  const merchantUrls = v.object(order, "merchant_urls", "merchant_urls");
  if (merchantUrls) {
    for (const key of REQUIRED_MERCHANT_URLS) {
      v.string(merchantUrls, key, `merchant_urls.${key}`, { required: true, max: 2000 });
    }
    for (const key of OPTIONAL_MERCHANT_URLS) v.string(merchantUrls, key, `merchant_urls.${key}`, { max: 2000 });
  }
  for (const key of ["billing_address", "shipping_address"]) {
    const address = v.object(order, key, key);
    if (address) v.strings(address, ADDRESS_FIELDS, key);
  }
  const customer = v.object(order, "customer", "customer");
  if (customer) v.strings(customer, CUSTOMER_FIELDS, "customer");
  validateOptions(v, order);
  const gui = v.object(order, "gui", "gui");
  if (gui) v.stringArray(gui, "options", "gui.options");
  const attachment = v.object(order, "attachment", "attachment");
  if (attachment) {
    v.string(attachment, "body", "attachment.body", { required: true });
    v.string(attachment, "content_type", "attachment.content_type", { required: true });
  }
  for (const key of ["shipping_countries", "billing_countries", "tags"]) v.stringArray(order, key, key);
  v.bool(order, "recurring", "recurring");
  for (const key of ["external_payment_methods", "external_checkouts", "shipping_options", "discount_lines"]) {
    v.array(order, key, key);
  }

  if (lines && totals.every((total) => total !== null)) {
    const sumAmount = totals.reduce((sum, total) => sum + (total?.totalAmount ?? 0), 0);
    const sumTax = totals.reduce((sum, total) => sum + (total?.totalTax ?? 0), 0);
    if (orderAmount !== undefined && orderAmount !== sumAmount) v.bad("order_amount");
    if (orderTax !== undefined && orderTax !== sumTax) v.bad("order_tax_amount");
  }
  return v.list;
}

function validationError(ctx: SandboxContext, issues: Issue[]): SerializedResponse {
  return klarnaError(
    ctx.state.config.error_shape,
    400,
    "BAD_VALUE",
    issues.map(issueMessage),
    issues.map((issue) => ({ field: issue.field, message: issue.kind === "missing" ? "Missing value" : "Bad value" })),
  );
}

function notFound(ctx: SandboxContext): SerializedResponse {
  return klarnaError(ctx.state.config.error_shape, 404, "NOT_FOUND", ["Order not found"]);
}

function readOnly(ctx: SandboxContext): SerializedResponse {
  return klarnaError(ctx.state.config.error_shape, 403, "READ_ONLY_ORDER", ["Resource is read-only"]);
}

/** Checkout documents no 403 for reads: another merchant's order is simply not found. */
function merchantOrder(ctx: SandboxContext, orderId: string, merchant: string): Order | undefined {
  const order = findOrder(ctx, orderId);
  return order?.owner === merchant ? order : undefined;
}

type OrderRequest = { ok: true; data: Record<string, unknown> } | { ok: false; response: SerializedResponse };

function parseOrderRequest(ctx: SandboxContext, rawBody: string): OrderRequest {
  const parsed = parseJson(rawBody);
  if (!parsed.ok || !isRecord(parsed.value)) {
    return { ok: false, response: validationError(ctx, [{ field: "body", kind: "bad" }]) };
  }
  return { ok: true, data: stripReadOnly(parsed.value) };
}

function htmlSnippet(ctx: SandboxContext, order: Order): string {
  const id = escapeHtml(order.id);
  return (
    `<div id="klarna-checkout-container" data-order-id="${id}">` +
    `<p>${escapeHtml(MERCHANT_NAME)} sandbox checkout for order ${id}. ` +
    `Create an HPP session for <code>${escapeHtml(orderUrl(ctx, order.id))}</code> to pay it.</p></div>`
  );
}

export function orderBody(ctx: SandboxContext, order: Order): Record<string, unknown> {
  return {
    order_id: order.id,
    name: MERCHANT_NAME,
    status: order.status,
    ...order.data,
    html_snippet: htmlSnippet(ctx, order),
    started_at: isoSeconds(order.startedAt),
    last_modified_at: isoSeconds(order.lastModifiedAt),
    ...(order.completedAt !== null ? { completed_at: isoSeconds(order.completedAt) } : {}),
  };
}

export const checkoutOperations: OperationDef[] = [
  {
    id: "createOrderMerchant",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: ["klarna-idempotency-key"],
    successStatus: 201,
    successBody: true,
    handle({ ctx, rawBody, merchant }) {
      const request = parseOrderRequest(ctx, rawBody);
      if (!request.ok) return request.response;
      const data = request.data;
      const issues = validateOrder(data);
      if (issues.length > 0) return validationError(ctx, issues);
      const startedAt = now(ctx);
      const order: Order = {
        id: randomUUID(),
        owner: merchant,
        data,
        status: "checkout_incomplete",
        aborted: false,
        startedAt,
        lastModifiedAt: startedAt,
        completedAt: null,
        expiresAt: startedAt + ORDER_TTL_MS,
      };
      ctx.state.orders.set(order.id, order);
      return serializeJson(201, orderBody(ctx, order), { location: orderUrl(ctx, order.id) });
    },
  },
  {
    id: "readOrderMerchant",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: [],
    successStatus: 200,
    successBody: true,
    handle({ ctx, params, merchant }) {
      const order = merchantOrder(ctx, params.order_id ?? "", merchant);
      return order ? serializeJson(200, orderBody(ctx, order)) : notFound(ctx);
    },
  },
  {
    id: "updateOrderMerchant",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: ["klarna-idempotency-key"],
    successStatus: 200,
    successBody: true,
    handle({ ctx, params, rawBody, merchant }) {
      const order = merchantOrder(ctx, params.order_id ?? "", merchant);
      if (!order) return notFound(ctx);
      if (order.status !== "checkout_incomplete" || order.aborted) return readOnly(ctx);
      const request = parseOrderRequest(ctx, rawBody);
      if (!request.ok) return request.response;
      // Properties not provided stay the same, so the merged order is what gets validated.
      const merged = { ...order.data, ...request.data };
      const issues = validateOrder(merged);
      if (issues.length > 0) return validationError(ctx, issues);
      order.data = merged;
      order.lastModifiedAt = now(ctx);
      return serializeJson(200, orderBody(ctx, order));
    },
  },
  {
    id: "abortOrder",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: ["klarna-idempotency-key"],
    successStatus: 200,
    successBody: true,
    handle({ ctx, params, merchant }) {
      const order = merchantOrder(ctx, params.order_id ?? "", merchant);
      if (!order) return notFound(ctx);
      if (order.status !== "checkout_incomplete") return readOnly(ctx);
      if (!order.aborted) {
        order.aborted = true;
        order.lastModifiedAt = now(ctx);
        // The HPP session shares the order's lifecycle: an aborted order cannot be paid any more.
        for (const session of ctx.state.sessions.values()) {
          if (session.orderId === order.id && !isFinal(session.status)) changeStatus(ctx, session, "DISABLED");
        }
      }
      return serializeJson(200, orderBody(ctx, order));
    },
  },
];
