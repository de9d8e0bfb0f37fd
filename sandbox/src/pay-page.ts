import type { IncomingMessage, ServerResponse } from "node:http";
import QRCode from "qrcode";
import { MERCHANT_NAME, now, type SandboxContext } from "./context";
import { escapeHtml, isRecord, readBody, redirect, sendHtml, writeResponse } from "./http";
import {
  changeStatus,
  isFinal,
  isSessionExpired,
  payUrl,
  substitutePlaceholders,
} from "./lifecycle";
import { platformPaymentUrl } from "./platform";
import { RETRYABLE_STATUSES, type HppSession, type HppStatus, type PlatformSessionStatus } from "./state";

const ACTIONS = {
  pay: { status: "COMPLETED", url: "success", done: "Payment completed" },
  cancel: { status: "CANCELLED", url: "cancel", done: "Payment cancelled" },
  fail: { status: "FAILED", url: "failure", done: "Payment failed" },
} as const satisfies Record<string, { status: HppStatus; url: string; done: string }>;

type Action = keyof typeof ACTIONS;

function isAction(value: string | null): value is Action {
  return value === "pay" || value === "cancel" || value === "fail";
}

export function formatAmount(minor: number, currency: string, locale: string): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

function layout(title: string, body: string, lang = "en"): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#111}
table{width:100%;border-collapse:collapse;margin:1rem 0}td,th{padding:.35rem;border-bottom:1px solid #ddd;text-align:left}
td.num,th.num{text-align:right}.total{font-size:1.5rem;font-weight:600}
form{display:flex;gap:.5rem;margin-top:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #333;background:#fff;cursor:pointer}
button[value=pay]{background:#111;color:#fff}.note{color:#555;font-size:.9rem}
</style>
</head>
<body>
${body}
<p class="note">HPP sandbox — no real payment is made.</p>
</body>
</html>`;
}

function invalidLinkPage(res: ServerResponse, status: 404 | 410): void {
  sendHtml(
    res,
    status,
    layout(
      "Payment link not valid",
      `<h1>This payment link is no longer valid</h1><p>Please contact ${escapeHtml(MERCHANT_NAME)} for a new link.</p>`,
    ),
  );
}

function confirmationPage(res: ServerResponse, heading: string): void {
  sendHtml(res, 200, layout(heading, `<h1>${escapeHtml(heading)}</h1><p>You can close this page.</p>`));
}

function actionForm(action: string): string {
  return `<form method="post" action="${escapeHtml(action)}">
<button type="submit" name="action" value="pay">Pay</button>
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="fail">Fail</button>
</form>`;
}

async function readAction(req: IncomingMessage): Promise<string | null> {
  return new URLSearchParams(await readBody(req)).get("action");
}

type PageSession = { ok: true; session: HppSession } | { ok: false; status: 404 | 410 };

function pageSession(ctx: SandboxContext, sessionId: string): PageSession {
  const session = ctx.state.sessions.get(sessionId);
  if (!session) return { ok: false, status: 404 };
  if (isSessionExpired(ctx, session) || isFinal(session.status)) return { ok: false, status: 410 };
  return { ok: true, session };
}

function orderLineRows(lines: unknown, currency: string, locale: string): string {
  if (!Array.isArray(lines)) return "";
  return lines
    .filter(isRecord)
    .map((line) => {
      const name = typeof line.name === "string" ? line.name : "";
      const quantity = typeof line.quantity === "number" ? line.quantity : 0;
      const total = typeof line.total_amount === "number" ? line.total_amount : 0;
      return `<tr><td>${escapeHtml(name)}</td><td class="num">${quantity}</td><td class="num">${escapeHtml(formatAmount(total, currency, locale))}</td></tr>`;
    })
    .join("\n");
}

export function renderPayPage(ctx: SandboxContext, res: ServerResponse, sessionId: string): void {
  const found = pageSession(ctx, sessionId);
  if (!found.ok) return invalidLinkPage(res, found.status);
  const { session } = found;
  // Opening the page is the customer (re)starting the purchase.
  if (RETRYABLE_STATUSES.has(session.status)) changeStatus(ctx, session, "IN_PROGRESS");
  const order = ctx.state.orders.get(session.orderId);
  const data = order?.data ?? {};
  const currency = typeof data.purchase_currency === "string" ? data.purchase_currency : "EUR";
  const locale = typeof data.locale === "string" ? data.locale : "en";
  const amount = typeof data.order_amount === "number" ? data.order_amount : 0;
  const title = typeof session.options.page_title === "string" ? session.options.page_title : `Pay ${MERCHANT_NAME}`;
  const body = `<h1>${escapeHtml(title)}</h1>
<p>Merchant: <strong>${escapeHtml(MERCHANT_NAME)}</strong></p>
<p class="total">${escapeHtml(formatAmount(amount, currency, locale))}</p>
<table>
<thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Amount</th></tr></thead>
<tbody>
${orderLineRows(data.order_lines, currency, locale)}
</tbody>
</table>
${actionForm(payUrl(ctx, session.id))}`;
  sendHtml(res, 200, layout(title, body, locale));
}

export async function submitPayPage(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  sessionId: string,
): Promise<void> {
  const action = await readAction(req);
  const found = pageSession(ctx, sessionId);
  if (!found.ok) return invalidLinkPage(res, found.status);
  if (!isAction(action)) {
    return sendHtml(res, 400, layout("Unknown action", "<h1>Unknown action</h1><p>Use Pay, Cancel or Fail.</p>"));
  }
  const { session } = found;
  const outcome = ACTIONS[action];
  changeStatus(ctx, session, outcome.status);
  const target = session.merchantUrls[outcome.url];
  if (target) return redirect(res, substitutePlaceholders(target, session));
  confirmationPage(res, outcome.done);
}

export async function sendQrCode(ctx: SandboxContext, res: ServerResponse, sessionId: string): Promise<void> {
  if (!ctx.state.sessions.has(sessionId)) {
    return writeResponse(res, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Not found" });
  }
  const png = await QRCode.toBuffer(payUrl(ctx, sessionId), { type: "png", margin: 2, width: 256 });
  res.writeHead(200, { "content-type": "image/png", "content-length": png.length, "cache-control": "no-store" });
  res.end(png);
}

export function renderDistributionModule(ctx: SandboxContext, res: ServerResponse, sessionId: string, token: string | null): void {
  const found = pageSession(ctx, sessionId);
  if (!found.ok) return invalidLinkPage(res, found.status);
  if (token !== found.session.distributionToken) return invalidLinkPage(res, 404);
  const link = payUrl(ctx, sessionId);
  const body = `<h1>Scan to pay ${escapeHtml(MERCHANT_NAME)}</h1>
<p><img src="${escapeHtml(`${link}/qr`)}" width="256" height="256" alt="QR code of the payment link"></p>
<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`;
  sendHtml(res, 200, layout("Payment link", body));
}

const PLATFORM_STATUSES = {
  pay: "COMPLETED",
  cancel: "CANCELLED",
  fail: "FAILED",
} as const satisfies Record<Action, PlatformSessionStatus>;

function findPlatformSession(ctx: SandboxContext, token: string, sessionId: string) {
  const session = ctx.state.platformSessions.get(sessionId);
  return session && session.token === token ? session : undefined;
}

export function renderPlatformPage(ctx: SandboxContext, res: ServerResponse, token: string, sessionId: string): void {
  const session = findPlatformSession(ctx, token, sessionId);
  if (!session) return invalidLinkPage(res, 404);
  if (session.status !== "PENDING") return invalidLinkPage(res, 410);
  const description = session.description ? `<p>${escapeHtml(session.description)}</p>` : "";
  const body = `<h1>Pay ${escapeHtml(MERCHANT_NAME)}</h1>
<p>Reference: <strong>${escapeHtml(session.reference)}</strong></p>
${description}
<p class="total">${escapeHtml(formatAmount(session.amount, session.currency, "en"))}</p>
${actionForm(platformPaymentUrl(ctx, session))}`;
  sendHtml(res, 200, layout(`Pay ${MERCHANT_NAME}`, body));
}

export async function submitPlatformPage(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  sessionId: string,
): Promise<void> {
  const action = await readAction(req);
  const session = findPlatformSession(ctx, token, sessionId);
  if (!session) return invalidLinkPage(res, 404);
  if (session.status !== "PENDING") return invalidLinkPage(res, 410);
  if (!isAction(action)) {
    return sendHtml(res, 400, layout("Unknown action", "<h1>Unknown action</h1><p>Use Pay, Cancel or Fail.</p>"));
  }
  session.status = PLATFORM_STATUSES[action];
  session.updatedAt = now(ctx);
  redirect(res, action === "pay" ? session.successUrl : action === "cancel" ? session.cancelUrl : session.errorUrl);
}
