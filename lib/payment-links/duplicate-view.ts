/** What the duplicate-link warning shows about the customer's open link. Plain JSON, browser-safe. */
export type DuplicateLinkView = {
  id: string;
  merchantReference: string;
  amount: number;
  currency: string;
  locale: string;
  statusLabel: string;
  createdByName: string;
  createdAt: string;
};
