import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/ui/error-state";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { formatDateTime } from "../../../lib/dates";
import { useReceiptVerdict } from "../api/receipts";

/** Whether the bank signed this receipt unaltered, and what it states. */
export function ReceiptVerdictView({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const verdict = useReceiptVerdict(token);
  if (verdict.isPending) return <Spinner />;
  if (verdict.isError)
    return <ErrorState error={verdict.error} onRetry={() => verdict.refetch()} />;
  const { valid, reason, receipt, kid } = verdict.data;
  if (!valid || !receipt) {
    return (
      <section className="verdict verdict-bad" aria-live="polite">
        <h2 data-testid="receipt-verdict">{t("signedReceipt.notGenuine")}</h2>
        <p>{t(`signedReceipt.reason.${reason ?? "malformed"}`)}</p>
      </section>
    );
  }
  return (
    <section className="verdict verdict-good" aria-live="polite">
      <h2 data-testid="receipt-verdict">{t("signedReceipt.genuine")}</h2>
      <p>{t("signedReceipt.genuineNote")}</p>
      <dl className="receipt-lines">
        <div>
          <dt>{t("receipt.amount")}</dt>
          <dd>
            <Money value={receipt.amount} />
          </dd>
        </div>
        <div>
          <dt>{t("receipt.commission")}</dt>
          <dd>
            <Money value={receipt.fee} />
          </dd>
        </div>
        <div>
          <dt>{t("signedReceipt.type")}</dt>
          <dd>{t(`type.${receipt.type}`)}</dd>
        </div>
        {receipt.from_card && (
          <div>
            <dt>{t("receipt.from")}</dt>
            <dd className="mono">{receipt.from_card}</dd>
          </div>
        )}
        <div>
          <dt>{t("receipt.to")}</dt>
          <dd className="mono">{receipt.to_card}</dd>
        </div>
        {receipt.to_phone && (
          <div>
            <dt>{t("signedReceipt.phone")}</dt>
            <dd className="mono">{receipt.to_phone}</dd>
          </div>
        )}
        <div>
          <dt>{t("receipt.time")}</dt>
          <dd>{formatDateTime(receipt.at, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("receipt.id")}</dt>
          <dd className="mono receipt-id">{receipt.id}</dd>
        </div>
        <div>
          <dt>{t("signedReceipt.key")}</dt>
          <dd className="mono">{kid}</dd>
        </div>
      </dl>
    </section>
  );
}
