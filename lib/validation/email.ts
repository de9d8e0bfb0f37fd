/** Email addresses for the pay-by-link form. Browser-safe: imported by client components and server actions. */
import { z } from "zod";

/** RFC 5321 limits: 254 for the whole path, 64 for the local part. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

/** Lower-cases the domain only: the local part is case-sensitive by the standard. */
export function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** A trimmed, valid address with a lower-cased domain. */
export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(EMAIL_MAX_LENGTH, `An email address can be at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email({ error: "Enter a valid email address, e.g. name@example.com." }))
  .refine((email) => email.slice(0, email.lastIndexOf("@")).length <= EMAIL_LOCAL_MAX_LENGTH, {
    error: `The part before @ can be at most ${EMAIL_LOCAL_MAX_LENGTH} characters.`,
  })
  .transform(normalizeEmail);

/**
 * Popular mailbox providers in the portal's markets. A domain in this list is never "corrected",
 * so real providers that are one letter from another (mail.com / gmail.com) must be listed too.
 * Order is popularity: the first of equally close candidates wins.
 */
export const KNOWN_EMAIL_DOMAINS: readonly string[] = [
  "gmail.com",
  "hotmail.com",
  "outlook.com",
  "icloud.com",
  "yahoo.com",
  "live.com",
  "hotmail.se",
  "live.se",
  "outlook.se",
  "yahoo.se",
  "telia.com",
  "telia.se",
  "tele2.se",
  "comhem.se",
  "bredband.net",
  "bahnhof.se",
  "spray.se",
  "gmx.de",
  "gmx.net",
  "gmx.at",
  "gmx.ch",
  "gmx.com",
  "web.de",
  "t-online.de",
  "freenet.de",
  "arcor.de",
  "posteo.de",
  "mailbox.org",
  "hotmail.de",
  "outlook.de",
  "yahoo.de",
  "googlemail.com",
  "me.com",
  "mac.com",
  "msn.com",
  "aol.com",
  "mail.com",
  "email.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "ymail.com",
  "hotmail.co.uk",
  "yahoo.co.uk",
  "btinternet.com",
  "hotmail.fr",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "sfr.fr",
  "wanadoo.fr",
  "online.no",
  "hotmail.no",
  "live.no",
  "hotmail.dk",
  "live.dk",
  "hotmail.fi",
  "hotmail.nl",
  "live.nl",
  "ziggo.nl",
  "kpnmail.nl",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
];

const KNOWN = new Set(KNOWN_EMAIL_DOMAINS);

/** Top-level domains typed for .com/.net/.se/.de; ".om" is Oman's, but far more often a slipped ".com". */
const TLD_TYPOS: Readonly<Record<string, string>> = {
  con: "com",
  cmo: "com",
  cpm: "com",
  xom: "com",
  vom: "com",
  ocm: "com",
  cim: "com",
  comm: "com",
  coom: "com",
  om: "com",
  ner: "net",
  nte: "net",
  nett: "net",
  ese: "se",
  dee: "de",
};

/** Providers with a single domain, so any other TLD after them is a typo (gmail.se, icloud.co). */
const COM_ONLY = new Set(["gmail", "googlemail", "icloud"]);

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("gmial" → "gmail" is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

function splitDomain(domain: string): { name: string; tld: string } {
  const dot = domain.lastIndexOf(".");
  return dot < 0 ? { name: domain, tld: "" } : { name: domain.slice(0, dot), tld: domain.slice(dot + 1) };
}

/**
 * How far a typed domain may be from a known one. Short provider names are only matched through a swap,
 * a doubled or a dropped letter with the same TLD, because one substituted letter often names another real
 * domain (life.se, gmc.de).
 */
function isCloseEnough(typed: string, known: string, distance: number): boolean {
  if (distance === 0) return false;
  const knownParts = splitDomain(known);
  if (knownParts.name.length >= 5) return distance <= (known.length >= 12 ? 2 : 1);
  if (distance !== 1) return false;
  const typedParts = splitDomain(typed);
  if (typedParts.tld !== knownParts.tld) return false;
  return typedParts.name.length !== knownParts.name.length || [...typedParts.name].sort().join("") === [...knownParts.name].sort().join("");
}

function closestKnownDomain(domain: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const known of KNOWN_EMAIL_DOMAINS) {
    if (Math.abs(known.length - domain.length) > 2) continue;
    const distance = editDistance(domain, known);
    if (distance < bestDistance && isCloseEnough(domain, known, distance)) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * "Did you mean …?" for a likely typo in the domain of a popular provider or in the TLD.
 * Returns the corrected address, or undefined when the domain is known, far from any known one, or the
 * input is not shaped like an address.
 */
export function suggestEmail(email: string): string | undefined {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (KNOWN.has(domain) || !/^[a-z0-9.-]+$/.test(domain)) return undefined;

  const suggestion = suggestDomain(domain);
  return suggestion === undefined || suggestion === domain ? undefined : `${local}@${suggestion}`;
}

function suggestDomain(domain: string): string | undefined {
  const { name, tld } = splitDomain(domain);
  const fixedTld = TLD_TYPOS[tld];
  const tldFixed = fixedTld !== undefined && name !== "" ? `${name}.${fixedTld}` : domain;
  if (KNOWN.has(tldFixed)) return tldFixed;
  if (COM_ONLY.has(name)) return `${name}.com`;

  // A provider's name with another TLD is usually a real country domain (yahoo.fr, hotmail.it): only
  // complete a cut-off TLD ("hotmail.co", "live.s"), never swap one country for another.
  const sameName = KNOWN_EMAIL_DOMAINS.filter((known) => splitDomain(known).name === name);
  if (sameName.length > 0) {
    const completed = tld === "" ? undefined : sameName.find((known) => splitDomain(known).tld.startsWith(tld));
    return completed ?? (tldFixed !== domain ? tldFixed : undefined);
  }
  return closestKnownDomain(tldFixed) ?? (tldFixed !== domain ? tldFixed : undefined);
}
