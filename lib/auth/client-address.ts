import { isIP } from "node:net";

/**
 * Request header carrying the socket's remote address, written by the server itself
 * (installSocketAddressHeader) over whatever a client sent under that name.
 */
export const SOCKET_ADDRESS_HEADER = "x-portal-socket-address";

type HeaderReader = { get(name: string): string | null };

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client. */
function canonical(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address for throttling: the socket's, unless the socket is a trusted reverse proxy,
 * in which case the right-most X-Forwarded-For entry that is not itself a trusted proxy (entries
 * further left are whatever the client wrote). "unknown" when the server could not tell.
 */
export function clientAddress(headers: HeaderReader, trustedProxies: readonly string[]): string {
  const socket = headers.get(SOCKET_ADDRESS_HEADER);
  if (!socket) return "unknown";
  const trusted = new Set(trustedProxies.map(canonical));
  let address = canonical(socket);
  if (!trusted.has(address)) return address;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map(canonical).filter((entry) => isIP(entry) !== 0);
  while (trusted.has(address) && forwarded.length > 0) address = forwarded.pop()!;
  return address;
}

let installed = false;

/**
 * Next.js exposes no socket address to route code and keeps a client-sent X-Forwarded-For as it is,
 * so the server stamps every incoming request with its socket's address before Next.js sees it.
 * Called once from instrumentation.ts, in the process that owns the HTTP server.
 */
export async function installSocketAddressHeader(): Promise<void> {
  if (installed) return;
  installed = true;
  const http = await import("node:http");
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as import("node:http").IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof emit;
}
