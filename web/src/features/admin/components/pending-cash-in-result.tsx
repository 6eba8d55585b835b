import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Money } from "../../../components/ui/money";
import { maskCardNumber } from "../../../lib/card";
import { formatDateTime } from "../../../lib/dates";
import type { CashIn } from "../api/admin";

/**
 * What a cash-in above the approval threshold answers instead of a receipt:
 * nothing moved yet; it waits for another admin until it expires.
 */
export function PendingCashInResult({
  cashIn,
  onAnother,
}: {
  cashIn: CashIn;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="stack" data-testid="cash-in-pending">
      <h2 className="success-title">{t("admin.cashIns.sentTitle")}</h2>
      <p>{t("admin.cashIns.sentText")}</p>
      <dl className="facts">
        <div>
          <dt>{t("admin.depositReceiver")}</dt>
          <dd>
            <strong>{cashIn.to_card.owner_name}</strong>
            <span className="mono">{maskCardNumber(cashIn.to_card.card_number)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("admin.cashIns.expires")}</dt>
          <dd>{formatDateTime(cashIn.expires_at, i18n.language)}</dd>
        </div>
        <div className="facts-total">
          <dt>{t("transfer.amount")}</dt>
          <dd>
            <Money value={cashIn.amount} />
          </dd>
        </div>
      </dl>
      <Button onClick={onAnother}>{t("admin.depositAnother")}</Button>
    </div>
  );
}
