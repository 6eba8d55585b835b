import { describe, expect, it } from "vitest";
import { i18n } from "../../../lib/i18n";
import { retryMessage, retryWait } from "./retry-wait";

describe("retryWait", () => {
  it("counts seconds under a minute and whole minutes, rounded up, after", () => {
    expect(retryWait(1)).toEqual({ unit: "seconds", count: 1 });
    expect(retryWait(59)).toEqual({ unit: "seconds", count: 59 });
    expect(retryWait(60)).toEqual({ unit: "minutes", count: 1 });
    expect(retryWait(61)).toEqual({ unit: "minutes", count: 2 });
    expect(retryWait(900)).toEqual({ unit: "minutes", count: 15 });
  });

  it("never says zero", () => {
    expect(retryWait(0)).toEqual({ unit: "seconds", count: 1 });
    expect(retryWait(0.2)).toEqual({ unit: "seconds", count: 1 });
  });
});

describe("the try-again message", () => {
  const say = (language: string, seconds: number) => {
    const { key, count } = retryMessage(seconds);
    return i18n.getFixedT(language)(key, { count });
  };

  it("is Uzbek by default", () => {
    expect(say("uz", 840)).toBe("Urinishlar juda ko'p. 14 daqiqadan keyin qayta urinib ko'ring.");
    expect(say("uz", 30)).toBe("Urinishlar juda ko'p. 30 soniyadan keyin qayta urinib ko'ring.");
  });

  it("uses the Russian plural forms", () => {
    expect(say("ru", 60)).toMatch(/через 1 минуту\.$/);
    expect(say("ru", 180)).toMatch(/через 3 минуты\.$/);
    expect(say("ru", 300)).toMatch(/через 5 минут\.$/);
    expect(say("ru", 21)).toMatch(/через 21 секунду\.$/);
    expect(say("ru", 22)).toMatch(/через 22 секунды\.$/);
    expect(say("ru", 11)).toMatch(/через 11 секунд\.$/);
  });

  it("uses the English plural forms", () => {
    expect(say("en", 1)).toBe("Too many attempts. Try again in 1 second.");
    expect(say("en", 120)).toBe("Too many attempts. Try again in 2 minutes.");
  });
});
