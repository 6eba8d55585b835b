// Letters that look like Latin ones (Cyrillic, Greek, small capitals), and digits
// standing in for letters, folded to the Latin letter they imitate.
const LOOKALIKES: Record<string, string> = {
  а: "a",
  с: "c",
  е: "e",
  һ: "h",
  і: "i",
  ј: "j",
  к: "k",
  қ: "k",
  м: "m",
  о: "o",
  р: "p",
  т: "t",
  х: "x",
  α: "a",
  ϲ: "c",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  χ: "x",
  ᴀ: "a",
  ᴄ: "c",
  ʜ: "h",
  ᴋ: "k",
  ɴ: "n",
  ᴏ: "o",
  ᴛ: "t",
  "0": "o",
  "4": "a",
  "7": "t",
};

// "chontak" after folding; the "h" may be a Cyrillic "н" (as in "СНОНТАК"), the
// "n" a Cyrillic "н", "п" or Greek "η", the "o" may be missing ("Ch'ntak") or an
// Uzbek "ў" (folded to "у"), and "ch" may be the Cyrillic "ч" ("Чўнтак", "Чонтак").
const PLATFORM_NAME = /(?:c[hн]|ч)[oу]?[nнпη]tak/u;

/** The letters of a name as it reads: compatibility forms and accents dropped, look-alikes folded. */
function foldName(name: string): string {
  return [...name.normalize("NFKC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")]
    .map((char) => LOOKALIKES[char] ?? char)
    .join("")
    .replace(/[^\p{Ll}\p{Lo}]/gu, "");
}

/**
 * True when a person's name reads as the platform's own ("Cho'ntak" in any
 * spelling, script, case or spacing): masked, it would look like the platform
 * card's owner.
 */
export function imitatesPlatformName(name: string): boolean {
  return PLATFORM_NAME.test(foldName(name));
}
