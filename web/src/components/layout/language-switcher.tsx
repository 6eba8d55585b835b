import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language, setLanguage } from "../../lib/i18n";

/** Uzbek, Russian or English; remembered in localStorage. */
export function LanguageSwitcher({ compact }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? "lang lang-compact" : "lang"}>
      <label htmlFor={id} className={compact ? "visually-hidden" : undefined}>
        {t("common.language")}
      </label>
      <select
        id={id}
        value={i18n.language}
        onChange={(event) => void setLanguage(event.target.value as Language)}
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code}>
            {compact ? language.code.toUpperCase() : language.label}
          </option>
        ))}
      </select>
    </div>
  );
}
