import { NextResponse } from "next/server";
import QRCode from "qrcode";
import { withActor } from "@/lib/actions/route";
import { qrSourceOf } from "@/lib/payment-links/access";

/**
 * The QR code of a payment link, drawn here from the link itself. Not a redirect to the provider's own
 * image: the portal's CSP allows images from its own origin only, and the provider's image host is not
 * known from configuration (it needn't be the API's). Both encode the same link.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withActor({}, async (actor) => {
    const link = await qrSourceOf(actor, id);
    if (!link?.redirectUrl) return NextResponse.json({ error: "Not found" }, { status: 404 });
    const png = await QRCode.toBuffer(link.redirectUrl, { type: "png", width: 512, margin: 2, errorCorrectionLevel: "M" });
    return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=300" } });
  });
}
