import { type core, locales } from "zod";
import { util } from "zod/v4/core";
import type { FieldError } from "./api-error";
import type { Language } from "./codes";

/**
 * The texts of our own validation messages, one per language. Schemas and
 * services write the English text into an issue (`validationMessage(key)`);
 * the problem renders it in the request's language.
 */
export const VALIDATION_MESSAGES = {
  money: {
    uz: "Summa noldan katta bo'lishi va kasr qismida ko'pi bilan 2 ta raqam bo'lishi kerak",
    ru: "Сумма должна быть больше нуля и иметь не более 2 знаков после запятой",
    en: "must be a positive so'm amount with at most 2 fraction digits",
  },
  card_number: {
    uz: "Cho'ntak karta raqami noto'g'ri",
    ru: "Неверный номер карты Cho'ntak",
    en: "not a valid Cho'ntak card number",
  },
  date_format: {
    uz: "Sana YYYY-MM-DD (yil-oy-kun) ko'rinishida bo'lishi kerak",
    ru: "Дата должна быть в формате ГГГГ-ММ-ДД",
    en: "must be YYYY-MM-DD",
  },
  calendar_date: {
    uz: "Bunday sana mavjud emas",
    ru: "Такой даты не существует",
    en: "not a calendar date",
  },
  phone_number: {
    uz: "Telefon raqami +998 va undan keyin 9 ta raqamdan iborat bo'lishi kerak",
    ru: "Номер телефона должен состоять из +998 и ещё 9 цифр",
    en: "must be +998 followed by 9 digits",
  },
  full_name_length: {
    uz: "Ism-familiya 2 tadan 50 tagacha belgidan iborat bo'lishi kerak",
    ru: "Имя должно содержать от 2 до 50 символов",
    en: "must be 2–50 characters",
  },
  full_name_platform: {
    uz: "Ism Cho'ntak nomiga o'xshamasligi kerak",
    ru: "Имя не должно повторять название Cho'ntak",
    en: "must not imitate the name Cho'ntak",
  },
  password_length: {
    uz: "Parol 8 baytdan 72 baytgacha bo'lishi kerak",
    ru: "Пароль должен занимать от 8 до 72 байт",
    en: "must be 8–72 bytes",
  },
  profile_change_missing: {
    uz: "Iltimos, full_name, phone_number, discoverable_by_phone yoki step_up_threshold maydonini kiriting",
    ru: "Укажите full_name, phone_number, discoverable_by_phone или step_up_threshold",
    en: "give full_name, phone_number, discoverable_by_phone or step_up_threshold",
  },
  step_up_threshold_max: {
    uz: "Tasdiqlash chegarasi tarifingizdagi eng ko'p o'tkazma miqdoridan oshmasligi kerak",
    ru: "Порог подтверждения не может быть больше максимальной суммы перевода вашего тарифа",
    en: "must not exceed your role's maximum transfer amount",
  },
  receiver_one_of: {
    uz: "Qabul qiluvchining karta raqamini yoki telefon raqamini kiriting: ikkalasini emas, bittasini",
    ru: "Укажите либо номер карты получателя, либо номер телефона: ровно одно из двух",
    en: "give exactly one of a card number and a phone number",
  },
  card_holder_name_required: {
    uz: "Cho'ntak tizimidan tashqari karta uchun karta egasining ismini kiriting (2–100 belgi)",
    ru: "Для карты не из Cho'ntak укажите имя владельца (от 2 до 100 символов)",
    en: "required for a card outside Cho'ntak (2–100 chars)",
  },
  image_missing: {
    uz: "Iltimos, rasmni fayl sifatida biriktiring",
    ru: "Прикрепите изображение файлом",
    en: "attach the image as a file",
  },
  idempotency_key_length: {
    uz: "Kalit 1 tadan 255 tagacha belgidan iborat bo'lishi kerak",
    ru: "Ключ должен содержать от 1 до 255 символов",
    en: "must be 1–255 characters",
  },
  date_range: {
    uz: "Oxirgi kun boshlang'ich kundan oldin bo'lmasligi kerak",
    ru: "Последний день не может быть раньше первого",
    en: "must not be before the first day",
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES;

/** The English text of one of our messages: what a schema or service puts in an issue. */
export const validationMessage = (key: ValidationMessageKey): string => VALIDATION_MESSAGES[key].en;

const BY_ENGLISH = new Map<string, Record<Language, string>>(
  Object.values(VALIDATION_MESSAGES).map((texts) => [texts.en, texts]),
);

// Uzbek names of the value types zod reports.
const UZ_TYPES: Record<string, string> = {
  string: "matn",
  number: "son",
  int: "butun son",
  bigint: "butun son",
  boolean: "true yoki false",
  object: "obyekt",
  array: "ro'yxat",
  null: "null",
  undefined: "hech narsa",
  nan: "NaN",
  date: "sana",
};

const UZ_FORMATS: Record<string, string> = {
  email: "Elektron pochta manzili noto'g'ri",
  url: "Havola noto'g'ri",
  guid: "Identifikator UUID ko'rinishida bo'lishi kerak",
  uuid: "Identifikator UUID ko'rinishida bo'lishi kerak",
  datetime: "Sana va vaqt ISO 8601 ko'rinishida bo'lishi kerak",
  date: "Sana YYYY-MM-DD (yil-oy-kun) ko'rinishida bo'lishi kerak",
  time: "Vaqt HH:MM:SS ko'rinishida bo'lishi kerak",
  regex: "Qiymat kerakli ko'rinishda emas",
};

const REQUIRED_UZ = "Iltimos, bu maydonni to'ldiring";

function uzSize(
  limit: "min" | "max",
  origin: string | undefined,
  bound: number | bigint,
  inclusive: boolean | undefined,
): string {
  const value = String(bound);
  if (origin === "string") {
    if (limit === "min" && value === "1") return "Bu maydon bo'sh bo'lmasligi kerak";
    return limit === "min"
      ? `Kamida ${value} ta belgi kiriting`
      : `Ko'pi bilan ${value} ta belgi kiriting`;
  }
  if (origin === "array" || origin === "set") {
    return limit === "min"
      ? `Ro'yxatda kamida ${value} ta element bo'lishi kerak`
      : `Ro'yxatda ko'pi bilan ${value} ta element bo'lishi kerak`;
  }
  if (limit === "min") {
    return inclusive === false
      ? `Qiymat ${value} dan katta bo'lishi kerak`
      : `Qiymat kamida ${value} bo'lishi kerak`;
  }
  return inclusive === false
    ? `Qiymat ${value} dan kichik bo'lishi kerak`
    : `Qiymat ko'pi bilan ${value} bo'lishi kerak`;
}

/** zod's error map, in Uzbek (Latin): what zod's locales do for other languages. */
export const uzbekErrorMap = (issue: core.$ZodRawIssue): string => {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return REQUIRED_UZ;
      const expected = UZ_TYPES[issue.expected];
      const received = UZ_TYPES[util.parsedType(issue.input)] ?? util.parsedType(issue.input);
      return expected
        ? `Qiymat ${expected} bo'lishi kerak, ${received} yuborildi`
        : "Qiymat turi noto'g'ri";
    }
    case "invalid_union":
      return issue.input === undefined ? REQUIRED_UZ : "Qiymat noto'g'ri";
    case "invalid_value":
      return issue.values.length === 1
        ? `Qiymat ${util.stringifyPrimitive(issue.values[0])} bo'lishi kerak`
        : `Qiymat quyidagilardan biri bo'lishi kerak: ${util.joinValues(issue.values, ", ")}`;
    case "too_small":
      return uzSize("min", issue.origin, issue.minimum, issue.inclusive);
    case "too_big":
      return uzSize("max", issue.origin, issue.maximum, issue.inclusive);
    case "invalid_format":
      if (issue.format === "starts_with") return `Qiymat "${issue.prefix}" bilan boshlanishi kerak`;
      if (issue.format === "ends_with") return `Qiymat "${issue.suffix}" bilan tugashi kerak`;
      if (issue.format === "includes") return `Qiymatda "${issue.includes}" bo'lishi kerak`;
      return UZ_FORMATS[issue.format] ?? "Qiymat ko'rinishi noto'g'ri";
    case "not_multiple_of":
      return `Qiymat ${String(issue.divisor)} ga karrali bo'lishi kerak`;
    case "unrecognized_keys":
      return issue.keys.length === 1
        ? `Noma'lum maydon: ${issue.keys.join(", ")}`
        : `Noma'lum maydonlar: ${issue.keys.join(", ")}`;
    case "invalid_key":
      return "Kalit noto'g'ri";
    case "invalid_element":
      return "Ro'yxat elementi noto'g'ri";
    default:
      return "Qiymat noto'g'ri";
  }
};

// English needs no map: zod's default messages are English already.
const ERROR_MAPS: Record<Exclude<Language, "en">, core.$ZodErrorMap> = {
  uz: uzbekErrorMap,
  ru: locales.ru().localeError,
};

/** The value an issue's path points at in the parsed input (the issue itself drops it). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * A field error's message in the given language: one of our texts from the
 * catalogue, or zod's issue rendered by that language's error map (the English
 * message as zod wrote it otherwise).
 */
export function localizedMessage(error: FieldError, language: Language): string {
  const texts = BY_ENGLISH.get(error.message);
  if (texts) return texts[language];
  if (!error.issue || language === "en") return error.message;
  const rendered = ERROR_MAPS[language](error.issue);
  if (typeof rendered === "string") return rendered;
  if (rendered && typeof rendered === "object" && "message" in rendered) {
    return String(rendered.message);
  }
  return error.message;
}
