import { withActor } from "@/lib/actions/route";
import { alertHub } from "@/lib/alerts/hub";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** A stream lasts this long, then the browser reconnects, which checks the sign-in again. */
const STREAM_MS = 5 * 60_000;
const HEARTBEAT_MS = 25_000;
/** A reconnecting tab catches up at most this far back. */
const CATCH_UP_MS = 60_000;

/**
 * Paid alerts for the signed-in user as server-sent events: one stream per tab, fed from the
 * process's shared hub, so tabs cost no database queries after they connect.
 */
export async function GET(request: Request) {
  return withActor({}, async (actor) => {
    const sinceParam = Date.parse(new URL(request.url).searchParams.get("since") ?? "");
    const since = new Date(Math.max(Number.isNaN(sinceParam) ? Date.now() : sinceParam, Date.now() - CATCH_UP_MS));
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        write("retry: 2000\n\n");
        const unsubscribe = alertHub(db()).subscribe(actor.userId, (alert) => write(`event: settled\ndata: ${JSON.stringify(alert)}\n\n`), since);
        const heartbeat = setInterval(() => write(": ping\n\n"), HEARTBEAT_MS);
        const end = setTimeout(() => {
          cleanup();
          try {
            controller.close();
          } catch {
            // Already closed by the browser going away.
          }
        }, STREAM_MS);
        cleanup = () => {
          unsubscribe();
          clearInterval(heartbeat);
          clearTimeout(end);
        };
        request.signal.addEventListener("abort", () => cleanup(), { once: true });
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store, no-transform",
        // Next's gzip would otherwise hold the events back.
        "Content-Encoding": "none",
        "X-Accel-Buffering": "no",
      },
    });
  });
}
