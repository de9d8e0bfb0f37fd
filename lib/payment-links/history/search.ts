import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Search routed by what was typed, so each kind reads its own index (history_indexes migration):
 * - reference: letters and digits, no spaces ("PBL-2612") → prefix of upper(reference), btree;
 * - phone: digits and phone punctuation ("070-123 45 67", "+46701234567", "4567") → suffix of the
 *   E.164 number, btree on reverse(phone);
 * - email: anything with "@" ("anna.s@") → prefix of lower(email), btree;
 * - text: a name or any other fragment of 3+ characters ("Svensson") → trigrams over name, email and
 *   reference, capped (TEXT_SEARCH_CAP).
 */
export type SearchKind = "reference" | "phone" | "email" | "text";
export type Search = { kind: SearchKind; value: string };

/** The trigram search reads at most this many matches per page; more are reported as "more than". */
export const TEXT_SEARCH_CAP = 2_000;

const PHONE_PUNCTUATION = /[\s().\-/]/g;

/**
 * Fewer digits than any number dialled in full, its trunk or international prefix included: what was
 * typed is then the number's last digits, zeros and all ("0754").
 */
const DIALLED_MIN_DIGITS = 7;

/**
 * The digits an E.164 number ends with: "070-123 45 67" → "701234567" (the trunk 0 is not in E.164),
 * "0046 70 123" → "4670123"; a number's last digits as typed: "0754" → "0754".
 */
export function phoneSuffix(text: string): string | null {
  const compact = text.replace(PHONE_PUNCTUATION, "");
  if (!/^(\+|00)?\d{3,15}$/.test(compact)) return null;
  if (compact.startsWith("+")) return compact.slice(1);
  if (compact.length < DIALLED_MIN_DIGITS) return compact;
  if (compact.startsWith("00")) return compact.slice(2);
  return compact.replace(/^0+/, "") || null;
}

export function classifySearch(q: string): Search | null {
  const text = q.trim();
  if (!text) return null;
  if (text.includes("@")) return { kind: "email", value: text.toLowerCase() };
  const phone = phoneSuffix(text);
  if (phone) return { kind: "phone", value: phone };
  if (!/\s/.test(text) && /\d/.test(text) && /[a-z]/i.test(text)) return { kind: "reference", value: text.toUpperCase() };
  if (text.length >= 3) return { kind: "text", value: text.toLowerCase() };
  // One or two characters: too short for trigrams; a reference prefix is the one cheap reading.
  return { kind: "reference", value: text.toUpperCase() };
}

function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function reversed(value: string): string {
  return [...value].reverse().join("");
}

/** The WHERE condition for a search on alias "s"; the expressions match the indexes' exactly. */
export function searchCondition(search: Search): Prisma.Sql {
  switch (search.kind) {
    case "reference":
      return Prisma.sql`upper(s."merchantReference") LIKE ${likePrefix(search.value)}`;
    case "email":
      return Prisma.sql`lower(s."customerEmail") LIKE ${likePrefix(search.value)}`;
    case "phone":
      return Prisma.sql`reverse(s."customerPhone") LIKE ${likePrefix(reversed(search.value))}`;
    case "text":
      // Name, email and reference, lower-cased, stored by the database (search_text migration).
      return Prisma.sql`s."searchText" LIKE ${`%${likePrefix(search.value)}`}`;
  }
}
