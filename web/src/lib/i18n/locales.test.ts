import { describe, expect, it } from "vitest";
import { en } from "./locales/en";
import { ru } from "./locales/ru";
import type { Messages } from "./locales/types";
import { uz } from "./locales/uz";

/** Every key path, with plural suffixes folded (Russian has more plural forms). */
function keys(messages: Messages, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string"
      ? [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`]
      : keys(value, `${prefix}${key}.`),
  );
}
const keySet = (messages: Messages) => [...new Set(keys(messages))].sort();

describe("translations", () => {
  it("Russian and English have exactly the Uzbek keys", () => {
    expect(keySet(ru)).toEqual(keySet(uz));
    expect(keySet(en)).toEqual(keySet(uz));
  });
});
