import { useTranslation } from "react-i18next";
import { type MaskedFieldProps, MaskedInput } from "./masked-input";
import { amountMask } from "./masks";

/**
 * An amount in so'm, grouped by three as it is typed (`1 500 000,50`); a comma or
 * a dot starts the tiyin, two at most. The currency sits beside the text, not
 * in it. The form's value is the exact decimal with a dot (`1500000.5`).
 */
export function AmountInput(props: MaskedFieldProps) {
  const { t } = useTranslation();
  return (
    <MaskedInput
      inputMode="decimal"
      autoComplete="off"
      placeholder="0"
      {...props}
      mask={amountMask}
      trailing={<span className="field-suffix">{t("currency")}</span>}
    />
  );
}
