/**
 * How a payment link reaches the customer. Browser-safe: one spelling per layer — the form's lower-case
 * `Channel` and the database's upper-case `StoredChannel` — one label each, and the mapping between them.
 */

export const CHANNEL_VALUES = ["sms", "email", "qr", "link", "token"] as const;
export type Channel = (typeof CHANNEL_VALUES)[number];

export type StoredChannel = "SMS" | "EMAIL" | "QR" | "LINK" | "TOKEN";

/** The HPP distribution method a channel uses; null when the portal shows the link itself. */
export type ProviderMethod = "sms" | "email" | "token";

export type ChannelMeta = {
  value: Channel;
  stored: StoredChannel;
  label: string;
  /** The contact field this channel cannot do without. */
  needs: "phone" | "email" | "accessId" | null;
  /** The HPP distribution method; null when the portal shows the link itself (QR code, copy). */
  providerMethod: ProviderMethod | null;
};

export const CHANNELS = [
  { value: "sms", stored: "SMS", label: "SMS", needs: "phone", providerMethod: "sms" },
  { value: "email", stored: "EMAIL", label: "Email", needs: "email", providerMethod: "email" },
  { value: "qr", stored: "QR", label: "QR code", needs: null, providerMethod: null },
  { value: "link", stored: "LINK", label: "Copy link", needs: null, providerMethod: null },
  { value: "token", stored: "TOKEN", label: "Customer QR token", needs: "accessId", providerMethod: "token" },
] as const satisfies readonly ChannelMeta[];

export function channelMeta(channel: Channel): ChannelMeta {
  const meta = CHANNELS.find((c) => c.value === channel);
  if (!meta) throw new RangeError(`Unknown channel: ${channel}`);
  return meta;
}

export function storedChannel(channel: Channel): StoredChannel {
  return channelMeta(channel).stored;
}

export function formChannel(stored: StoredChannel): Channel {
  const meta = CHANNELS.find((c) => c.stored === stored);
  if (!meta) throw new RangeError(`Unknown channel: ${stored}`);
  return meta.value;
}

/** The label of a stored channel, e.g. "SMS", "Customer QR token". */
export function channelLabel(channel: Channel | StoredChannel): string {
  const meta = CHANNELS.find((c) => c.value === channel || c.stored === channel);
  return meta?.label ?? channel;
}

/** The form field that holds the contact a provider method sends to. */
export function contactFieldOf(method: ProviderMethod | null | undefined): "phone" | "email" | "accessId" | undefined {
  if (method === "sms") return "phone";
  if (method === "email") return "email";
  if (method === "token") return "accessId";
  return undefined;
}
