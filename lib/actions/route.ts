import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/actor";
import { AuthorizationError, type Actor, type AuthorizationRule } from "@/lib/auth/authorize";
import { logUnexpected } from "@/lib/log";

/** Route handlers for signed-in users: authenticate and authorize first, JSON errors, no stack traces. */
export async function withActor(rule: AuthorizationRule, handler: (actor: Actor) => Promise<Response>): Promise<Response> {
  try {
    return await handler(await requireActor(rule));
  } catch (error) {
    if (error instanceof AuthorizationError) {
      return NextResponse.json({ error: error.message }, { status: error.code === "UNAUTHENTICATED" ? 401 : 403 });
    }
    const correlationId = randomUUID();
    logUnexpected("route", correlationId, error);
    return NextResponse.json({ error: "Something went wrong on our side.", correlationId }, { status: 500 });
  }
}
