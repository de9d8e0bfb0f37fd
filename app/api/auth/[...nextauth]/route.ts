import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Sign-in itself: the one route that runs before there is an actor to authorize.
async function handler(request: Request, context: RouteContext) {
  return NextAuth(request as never, { params: await context.params } as never, authOptions());
}

export { handler as GET, handler as POST };
