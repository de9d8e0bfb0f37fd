import "server-only";
import { providerFor, type ProviderKind } from "@/lib/hpp";
import { CHANNEL_VALUES, channelMeta, type Channel } from "@/lib/domain/channels";

/**
 * The channels a store can offer, from what its provider can deliver. QR code and Copy link only
 * need the link, so every provider has them; SMS, email and token need the provider's distribution.
 */
export function channelsForProvider(kind: ProviderKind): { allowed: Channel[]; note: string | null } {
  const methods = providerFor(kind).capabilities.distribution;
  const allowed = CHANNEL_VALUES.filter((channel) => {
    const method = channelMeta(channel).providerMethod;
    return method === null || methods.includes(method);
  });
  const missing = CHANNEL_VALUES.filter((channel) => !allowed.includes(channel));
  const note =
    missing.length === 0
      ? null
      : `This store's payment provider can't send links itself, so ${missing
          .map((c) => channelMeta(c).label)
          .join(", ")} aren't available. Show the customer the QR code or copy the link and share it yourself.`;
  return { allowed, note };
}
