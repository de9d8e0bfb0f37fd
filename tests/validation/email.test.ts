import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, emailSchema, KNOWN_EMAIL_DOMAINS, suggestEmail } from "@/lib/validation/email";

describe("emailSchema", () => {
  it.each([
    ["name@example.com", "name@example.com"],
    ["  Anna.Svensson@Telia.SE  ", "Anna.Svensson@telia.se"],
    ["first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"],
    ["o'neil@example.ie", "o'neil@example.ie"],
  ])("accepts %j as %j (trimmed, domain lower-cased, local part kept)", (input, output) => {
    expect(emailSchema.parse(input)).toBe(output);
  });

  it.each([
    ["", "Enter an email address."],
    ["   ", "Enter an email address."],
    ["name", "Enter a valid email address, e.g. name@example.com."],
    ["name@", "Enter a valid email address, e.g. name@example.com."],
    ["@example.com", "Enter a valid email address, e.g. name@example.com."],
    ["name@example", "Enter a valid email address, e.g. name@example.com."],
    ["name@@example.com", "Enter a valid email address, e.g. name@example.com."],
    ["na me@example.com", "Enter a valid email address, e.g. name@example.com."],
    ["name@exa mple.com", "Enter a valid email address, e.g. name@example.com."],
    ["name..x@example.com", "Enter a valid email address, e.g. name@example.com."],
    [`${"a".repeat(65)}@example.com`, "The part before @ can be at most 64 characters."],
    [`a@${"b".repeat(250)}.se`, "An email address can be at most 254 characters."],
  ])("rejects %j with one plain message", (input, message) => {
    const result = emailSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it("accepts the longest allowed local part and address", () => {
    expect(emailSchema.safeParse(`${"a".repeat(64)}@example.com`).success).toBe(true);
    const domain = `${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(57)}.se`;
    expect(`a@${domain}`).toHaveLength(254);
    expect(emailSchema.safeParse(`a@${domain}`).success).toBe(true);
  });
});

describe("suggestEmail", () => {
  it.each([
    ["anna@gmial.com", "anna@gmail.com"],
    ["anna@gmai.com", "anna@gmail.com"],
    ["anna@gmail.co", "anna@gmail.com"],
    ["anna@gmail.con", "anna@gmail.com"],
    ["anna@gmailcom", "anna@gmail.com"],
    ["anna@gmail.se", "anna@gmail.com"],
    ["anna@hotmial.com", "anna@hotmail.com"],
    ["anna@hotmail.con", "anna@hotmail.com"],
    ["anna@hotmial.con", "anna@hotmail.com"],
    ["anna@hotmail.cmo", "anna@hotmail.com"],
    ["anna@hotmail.s", "anna@hotmail.se"],
    ["anna@outlok.com", "anna@outlook.com"],
    ["anna@yaho.com", "anna@yahoo.com"],
    ["anna@icloud.co", "anna@icloud.com"],
    ["anna@icluod.com", "anna@icloud.com"],
    ["anna@telai.se", "anna@telia.se"],
    ["hans@gmx.d", "hans@gmx.de"],
    ["hans@gmxx.de", "hans@gmx.de"],
    ["hans@wbe.de", "hans@web.de"],
    ["hans@tonline.de", "hans@t-online.de"],
    ["hans@t-onlien.de", "hans@t-online.de"],
    ["Anna.S@GMIAL.COM", "Anna.S@gmail.com"],
    ["info@foretaget.con", "info@foretaget.com"],
    ["info@foretaget.om", "info@foretaget.com"],
  ])("%s → did you mean %s?", (typed, suggestion) => {
    expect(suggestEmail(typed)).toBe(suggestion);
  });

  it("never suggests for a known provider domain", () => {
    for (const domain of KNOWN_EMAIL_DOMAINS) expect(suggestEmail(`anna@${domain}`), domain).toBeUndefined();
  });

  it.each([
    "info@foretaget.se",
    "anna@example.org",
    "anna@kth.se",
    "anna@life.se", // one letter from live.se, but a real domain of its own
    "anna@yahoo.fr", // a provider's own country domain
    "anna@hotmail.es",
    "hans@gmx.se",
    "anna@company.co",
    "not an email",
    "anna@",
    "@gmial.com",
  ])("makes no suggestion for %s", (typed) => {
    expect(suggestEmail(typed)).toBeUndefined();
  });
});

describe("editDistance", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("gmial.com", "gmail.com")).toBe(1);
    expect(editDistance("gmai.com", "gmail.com")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});

const localPart = fc
  .array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), { minLength: 1, maxLength: 20 })
  .chain((chars) => fc.constantFrom("", ".", "+", "_", "-").map((sep) => `${chars.join("")}${sep ? `${sep}x` : ""}`));
const label = fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), { minLength: 1, maxLength: 12 }).map((c) => c.join(""));
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("se", "de", "com", "net", "org", "co.uk")).map(([labels, tld]) => `${labels.join(".")}.${tld}`);

/** Swaps two neighbouring letters of the provider name: the commonest slip ("gmial"). */
function swapNeighbours(name: string, at: number): string {
  const i = at % (name.length - 1);
  return `${name.slice(0, i)}${name[i + 1]}${name[i]}${name.slice(i + 2)}`;
}

describe("property: email", () => {
  it("a well-formed address is accepted, trimmed, with only the domain lower-cased, and parsing is idempotent", () => {
    fc.assert(
      fc.property(localPart, domain, fc.boolean(), (local, host, shout) => {
        const typed = ` ${shout ? local.toUpperCase() : local}@${shout ? host.toUpperCase() : host} `;
        const parsed = emailSchema.parse(typed);
        expect(parsed).toBe(`${shout ? local.toUpperCase() : local}@${host}`);
        expect(emailSchema.parse(parsed)).toBe(parsed);
      }),
      { numRuns: 500 },
    );
  });

  it("an address without exactly one @ between non-empty parts is refused", () => {
    fc.assert(
      fc.property(localPart, domain, fc.constantFrom("", "@", "@@"), (local, host, at) => {
        expect(emailSchema.safeParse(`${local}${at}${host}`).success).toBe(at === "@");
      }),
    );
  });

  it("a suggestion keeps the local part, names a valid address, and is not itself corrected again", () => {
    fc.assert(
      fc.property(localPart, fc.oneof(domain, fc.constantFrom(...KNOWN_EMAIL_DOMAINS)), fc.nat(), (local, host, at) => {
        const name = host.slice(0, host.indexOf("."));
        const typo = name.length >= 2 ? `${swapNeighbours(name, at)}${host.slice(name.length)}` : host;
        const suggestion = suggestEmail(`${local}@${typo}`);
        if (suggestion === undefined) return;
        expect(suggestion.startsWith(`${local}@`)).toBe(true);
        expect(emailSchema.safeParse(suggestion).success).toBe(true);
        expect(suggestEmail(suggestion)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it("two neighbouring letters swapped in a long provider name are corrected to the closest provider", () => {
    const longNames = KNOWN_EMAIL_DOMAINS.filter((d) => d.indexOf(".") >= 5 && !d.includes("-"));
    fc.assert(
      fc.property(localPart, fc.constantFrom(...longNames), fc.nat(), (local, known, at) => {
        const name = known.slice(0, known.indexOf("."));
        const swapped = swapNeighbours(name, at);
        fc.pre(swapped !== name);
        const typo = `${swapped}${known.slice(name.length)}`;
        const suggestion = suggestEmail(`${local}@${typo}`);
        expect(suggestion).toBeDefined();
        // It or a known domain just as close ("meail.com" is one edit from mail.com too).
        const suggested = suggestion!.slice(local.length + 1);
        expect(KNOWN_EMAIL_DOMAINS).toContain(suggested);
        expect(editDistance(typo, suggested)).toBeLessThanOrEqual(editDistance(typo, known));
      }),
      { numRuns: 500 },
    );
  });

  it("a known provider domain is never corrected, whatever the local part", () => {
    fc.assert(
      fc.property(localPart, fc.constantFrom(...KNOWN_EMAIL_DOMAINS), (local, known) => {
        expect(suggestEmail(`${local}@${known}`)).toBeUndefined();
      }),
    );
  });
});
