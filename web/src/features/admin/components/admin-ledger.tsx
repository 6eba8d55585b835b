import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ErrorState } from "../../../components/ui/error-state";
import { formatCardNumber } from "../../../lib/card";
import { useVerifyAll } from "../api/admin";

/** Every card's balance checked against its ledger entries, with the mismatches listed. */
export function AdminLedger() {
  const { t } = useTranslation();
  const verify = useVerifyAll();
  const result = verify.data;
  const allOk =
    result !== undefined &&
    result.total_invalid_cards === 0 &&
    result.treasury_ok &&
    /^-?0(\.0+)?$/.test(result.ledger_sum);
  return (
    <Card
      title={t("admin.ledger")}
      actions={
        <Button size="sm" loading={verify.isFetching} onClick={() => verify.refetch()}>
          {t("admin.verifyAll")}
        </Button>
      }
    >
      <p className="muted small">{t("admin.ledgerText")}</p>
      {verify.isError && <ErrorState error={verify.error} onRetry={() => verify.refetch()} />}
      {result && (
        <div className="stack" data-testid="verify-all">
          <div className={allOk ? "alert alert-success" : "alert alert-error"} role="status">
            {allOk ? t("admin.allOk") : t("admin.notOk")}
          </div>
          <dl className="facts">
            <div>
              <dt>{t("admin.cardsChecked")}</dt>
              <dd>{result.total_cards}</dd>
            </div>
            <div>
              <dt>{t("admin.validCards")}</dt>
              <dd className="ok">{result.total_valid_cards}</dd>
            </div>
            <div>
              <dt>{t("admin.invalidCards")}</dt>
              <dd className={result.total_invalid_cards ? "bad" : undefined}>
                {result.total_invalid_cards}
              </dd>
            </div>
            <div>
              <dt>{t("admin.ledgerSum")}</dt>
              <dd className="mono">{result.ledger_sum}</dd>
            </div>
            <div>
              <dt>{t("admin.treasury")}</dt>
              <dd className={result.treasury_ok ? "ok" : "bad"}>
                {result.treasury_ok ? "OK" : t("admin.error")}
              </dd>
            </div>
          </dl>
          {result.bug_details.length > 0 && (
            <ul className="admin-list">
              {result.bug_details.map((bug) => (
                <li key={bug.card_number} className="admin-row">
                  <span className="mono">{formatCardNumber(bug.card_number)}</span>
                  <span className="bad">
                    {bug.stored_balance} / {bug.calculated_balance} ({bug.difference})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
