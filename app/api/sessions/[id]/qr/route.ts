import { NextResponse } from "next/server";
import QRCode from "qrcode";
import { withActor } from "@/lib/actions/route";
import { storeScope } from "@/lib/auth/authorize";
import { db } from "@/lib/db";

/** The QR code of a session's link: the provider's own image when it has one, else drawn here. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withActor({}, async (actor) => {
    const session = await db().paymentSession.findFirst({
      where: { id, ...storeScope(actor) },
      select: { redirectUrl: true, qrCodeUrl: true },
    });
    if (!session?.redirectUrl) return NextResponse.json({ error: "Not found" }, { status: 404 });
    if (session.qrCodeUrl) return NextResponse.redirect(session.qrCodeUrl, 302);
    const png = await QRCode.toBuffer(session.redirectUrl, { type: "png", width: 512, margin: 2, errorCorrectionLevel: "M" });
    return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=300" } });
  });
}
