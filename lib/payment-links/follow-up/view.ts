/** The follow-up worklist as the page shows it: plain JSON, browser-safe. */
import type { Channel } from "@/lib/domain/channels";
import type { FollowUpGroup } from "./groups";

export type FollowUpRowView = {
  id: string;
  merchantReference: string;
  storeName: string;
  /** Masked phone and/or email, never the full contact. */
  customer: string;
  amount: number;
  currency: string;
  locale: string;
  statusLabel: string;
  createdAt: string;
  /** How long ago it was created, e.g. "2 h 5 min", "3 days". */
  age: string;
  expiresAt: string | null;
  lastSend: { channelLabel: string; outcome: "PENDING" | "SENT" | "FAILED"; outcomeLabel: string; at: string } | null;
  /** Resend repeats this channel; null when nothing reached the customer yet. */
  lastChannel: Channel | null;
  canSend: boolean;
  /** Channels Send another way may use (the provider's). */
  sendChannels: Channel[];
  /** Channels Clone and send may use: the provider's, for which the link has the contact. */
  cloneChannels: Channel[];
  hasPhone: boolean;
  phoneCountry: string | null;
};

export type FollowUpGroupView = { key: FollowUpGroup; label: string; hint: string; total: number; rows: FollowUpRowView[] };

export type WorklistView = { groups: FollowUpGroupView[]; total: number };
