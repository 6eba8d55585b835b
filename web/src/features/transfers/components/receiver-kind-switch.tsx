import { useTranslation } from "react-i18next";
import type { ReceiverKind } from "./send-money";

/**
 * "Card number / Phone number": how the receiver is addressed. Two radios
 * drawn as one segmented control, so arrow keys and screen readers treat it as
 * the single choice it is.
 */
export function ReceiverKindSwitch({
  value,
  onChange,
}: {
  value: ReceiverKind;
  onChange: (kind: ReceiverKind) => void;
}) {
  const { t } = useTranslation();
  const kinds: [ReceiverKind, string][] = [
    ["card", t("phonePay.byCard")],
    ["phone", t("phonePay.byPhone")],
  ];
  return (
    <fieldset className="segmented">
      <legend className="from-cards-legend">{t("phonePay.receiverKind")}</legend>
      <div className="segmented-options">
        {kinds.map(([kind, label]) => (
          <label key={kind} className="segmented-option" data-testid={`receiver-kind-${kind}`}>
            <input
              type="radio"
              name="receiver_kind"
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
