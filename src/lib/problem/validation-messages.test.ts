import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../../test/worker/cards";
import { call, callJson } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, uniqueIp } from "../../../test/worker/users";
import { generateCardNumber } from "../card-number";
import type { Problem } from "./response";
import { VALIDATION_MESSAGES } from "./validation-messages";

type Language = "uz" | "ru" | "en";

/** The problem's field errors as path → message. */
async function messagesOf(response: Response): Promise<Record<string, string>> {
  expect(response.status).toBe(422);
  const problem = (await response.json()) as Problem;
  expect(problem.code).toBe("VALIDATION_ERROR");
  return Object.fromEntries((problem.errors ?? []).map((error) => [error.path, error.message]));
}

const text = (key: keyof typeof VALIDATION_MESSAGES, language: Language) =>
  VALIDATION_MESSAGES[key][language];

const registerIn = (language: Language | null, body: Record<string, unknown>) =>
  callJson("/api/auth/register", "POST", body, {
    "CF-Connecting-IP": uniqueIp(),
    ...(language ? { "Accept-Language": language } : {}),
  });

describe("422 messages follow the request's language", () => {
  const BAD_TRANSFER = {
    from_card_id: "not-a-uuid",
    to_card_number: "1234",
    amount: "1.234",
    description: 5,
    tip: 1,
  };
  const EXPECTED: Record<Language, Record<string, string>> = {
    uz: {
      from_card_id: "Identifikator UUID ko'rinishida bo'lishi kerak",
      to_card_number: text("card_number", "uz"),
      amount: text("money", "uz"),
      description: "Qiymat matn bo'lishi kerak, son yuborildi",
      "(root)": "Noma'lum maydon: tip",
    },
    ru: {
      from_card_id: "Неверный GUID",
      to_card_number: text("card_number", "ru"),
      amount: text("money", "ru"),
      description: "Неверный ввод: ожидалось string, получено число",
      "(root)": 'Нераспознанный ключ: "tip"',
    },
    en: {
      from_card_id: "Invalid GUID",
      to_card_number: "not a valid Cho'ntak card number",
      amount: "must be a positive so'm amount with at most 2 fraction digits",
      description: "Invalid input: expected string, received number",
      "(root)": 'Unrecognized key: "tip"',
    },
  };

  it.each(["uz", "ru", "en"] as const)("answers a bad transfer body in %s", async (language) => {
    const user = await newUser();
    const response = await sendMoney(user, BAD_TRANSFER, crypto.randomUUID(), {
      "Accept-Language": language,
    });
    expect(await messagesOf(response)).toEqual(EXPECTED[language]);
  });

  it("answers in Uzbek when the request names no language", async () => {
    const user = await newUser();
    expect(await messagesOf(await sendMoney(user, BAD_TRANSFER))).toEqual(EXPECTED.uz);
  });

  it("names missing fields in each language", async () => {
    expect(await messagesOf(await registerIn("uz", {}))).toEqual({
      full_name: "Iltimos, bu maydonni to'ldiring",
      phone_number: "Iltimos, bu maydonni to'ldiring",
      password: "Iltimos, bu maydonni to'ldiring",
    });
    const missingRu = "Неверный ввод: ожидалось string, получено undefined";
    expect(await messagesOf(await registerIn("ru", {}))).toEqual({
      full_name: missingRu,
      phone_number: missingRu,
      password: missingRu,
    });
    const missingEn = "Invalid input: expected string, received undefined";
    expect(await messagesOf(await registerIn("en", {}))).toEqual({
      full_name: missingEn,
      phone_number: missingEn,
      password: missingEn,
    });
  });

  it.each(["uz", "ru", "en"] as const)("gives our own rules' texts in %s", async (language) => {
    const response = await registerIn(language, {
      full_name: "A",
      phone_number: "12345",
      password: "short",
    });
    expect(await messagesOf(response)).toEqual({
      full_name: text("full_name_length", language),
      phone_number: text("phone_number", language),
      password: text("password_length", language),
    });
  });

  it("renders query-parameter bounds in each language", async () => {
    const user = await newUser();
    const list = (language: Language) =>
      call("/api/transactions?page=0&limit=1000&start_date=2026-02-30", {
        headers: { ...bearer(user.accessToken), "Accept-Language": language },
      });
    expect(await messagesOf(await list("uz"))).toEqual({
      page: "Qiymat kamida 1 bo'lishi kerak",
      limit: "Qiymat ko'pi bilan 100 bo'lishi kerak",
      start_date: "Bunday sana mavjud emas",
    });
    expect(await messagesOf(await list("ru"))).toEqual({
      page: "Слишком маленькое значение: ожидалось, что number будет >=1",
      limit: "Слишком большое значение: ожидалось, что number будет <=100",
      start_date: "Такой даты не существует",
    });
    expect(await messagesOf(await list("en"))).toEqual({
      page: "Too small: expected number to be >=1",
      limit: "Too big: expected number to be <=100",
      start_date: "not a calendar date",
    });
  });

  it.each(["uz", "ru", "en"] as const)(
    "translates the field errors services raise, in %s",
    async (language) => {
      const user = await newUser();
      const card = await openActiveCard(user);
      const longKey = await sendMoney(
        user,
        { from_card_id: card.id, to_card_number: card.card_number, amount: "2000" },
        "k".repeat(300),
        { "Accept-Language": language },
      );
      expect(await messagesOf(longKey)).toEqual({
        "Idempotency-Key": text("idempotency_key_length", language),
      });

      const nameless = await callJson(
        "/api/saved-cards",
        "POST",
        { card_number: generateCardNumber(), alias: "Akam" },
        { ...bearer(user.accessToken), "Accept-Language": language },
      );
      expect(await messagesOf(nameless)).toEqual({
        card_holder_name: text("card_holder_name_required", language),
      });
    },
  );

  it("renders the login body's messages, checked in the handler, in the language", async () => {
    const login = (language: Language) =>
      callJson(
        "/api/auth/login",
        "POST",
        { phone_number: 998901234567, password: "" },
        { "CF-Connecting-IP": uniqueIp(), "Accept-Language": language },
      );
    expect(await messagesOf(await login("uz"))).toEqual({
      phone_number: "Qiymat matn bo'lishi kerak, son yuborildi",
      password: "Bu maydon bo'sh bo'lmasligi kerak",
    });
    expect(await messagesOf(await login("ru"))).toEqual({
      phone_number: "Неверный ввод: ожидалось string, получено число",
      password: "Слишком маленькое значение: ожидалось, что string будет иметь >=1 символ",
    });
  });

  it("keeps one text per language for every message of ours", () => {
    const english = Object.values(VALIDATION_MESSAGES).map((texts) => texts.en);
    expect(new Set(english).size).toBe(english.length);
    for (const [key, texts] of Object.entries(VALIDATION_MESSAGES)) {
      expect(texts.uz, key).toMatch(/^[\p{Script=Latin}\d\s'",.:;()+_–-]+$/u);
      expect(texts.ru, key).toMatch(/\p{Script=Cyrillic}/u);
      expect(texts.en, key).toMatch(/^[\x20-\x7e–]+$/);
    }
  });
});
