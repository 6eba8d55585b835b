import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./locales/en";
import { ru } from "./locales/ru";
import { uz } from "./locales/uz";

export const LANGUAGES = [
  { code: "uz", label: "O'zbekcha" },
  { code: "ru", label: "Русский" },
  { code: "en", label: "English" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "chontak.language";

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === "uz" || value === "ru" || value === "en") return value;
  } catch {
    // no storage
  }
  return "uz"; // Uzbek by default, whatever the browser prefers
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { uz: { translation: uz }, ru: { translation: ru }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "uz",
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

i18n.on("languageChanged", (language) => {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered
  }
  if (typeof document !== "undefined") document.documentElement.lang = language;
});
if (typeof document !== "undefined") document.documentElement.lang = i18n.language;

export const setLanguage = (language: Language) => i18n.changeLanguage(language);
