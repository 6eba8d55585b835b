import { useTranslation } from "react-i18next";
import { formatSom } from "../../lib/money";

interface MoneyProps {
  /** The API's decimal string, e.g. "2000.00". */
  value: string;
  /** Shown before the amount: "+" for income, "−" for spending. */
  sign?: "+" | "-";
  hidden?: boolean;
  className?: string;
}

/** An amount as people read it: "1 234 567,50 so'm", never wrapping mid-number. */
export function Money({ value, sign, hidden, className }: MoneyProps) {
  const { t } = useTranslation();
  // No sign on a zero amount ("0,00 so'm", not "−0,00 so'm").
  const signed = sign && !hidden && /[1-9]/.test(value) ? sign : undefined;
  const text = hidden ? `•••••• ${t("currency")}` : formatSom(value, t("currency"));
  return (
    <span className={["money", signed === "+" ? "money-in" : "", className ?? ""].join(" ")}>
      {signed ? (signed === "-" ? "−" : "+") : ""}
      {text}
    </span>
  );
}
