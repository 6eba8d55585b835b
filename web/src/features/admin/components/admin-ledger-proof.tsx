import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ErrorState } from "../../../components/ui/error-state";
import { useLedgerDigests, useLedgerProof } from "../api/admin";

const short = (hash: string | null | undefined) => (hash ? `${hash.slice(0, 16)}…` : "—");

/**
 * The ledger's hash chains recomputed on demand (first broken link, if any, and
 * the latest digest checked), and the daily digests recorded so far.
 */
export function AdminLedgerProof() {
  const { t } = useTranslation();
  const proof = useLedgerProof();
  const digests = useLedgerDigests();
  const result = proof.data;
  return (
    <Card
      title={t("admin.proof.title")}
      actions={
        <Button size="sm" loading={proof.isFetching} onClick={() => proof.refetch()}>
          {t("admin.proof.run")}
        </Button>
      }
    >
      <p className="muted small">{t("admin.proof.text")}</p>
      {proof.isError && <ErrorState error={proof.error} onRetry={() => proof.refetch()} />}
      {result && (
        <div className="stack" data-testid="ledger-proof">
          <div className={result.valid ? "alert alert-success" : "alert alert-error"} role="status">
            {result.valid ? t("admin.proof.valid") : t("admin.proof.broken")}
          </div>
          <dl className="facts">
            <div>
              <dt>{t("admin.proof.entries")}</dt>
              <dd>{result.entries}</dd>
            </div>
            <div>
              <dt>{t("admin.proof.chains")}</dt>
              <dd>{result.chains}</dd>
            </div>
            <div>
              <dt>{t("admin.proof.digest")}</dt>
              <dd className={result.digest && !result.digest.valid ? "bad" : undefined}>
                {result.digest
                  ? `${result.digest.day}: ${result.digest.valid ? "OK" : t("admin.error")}`
                  : t("admin.proof.noDigest")}
              </dd>
            </div>
            <div>
              <dt>{t("admin.proof.time")}</dt>
              <dd>{t("admin.proof.ms", { ms: result.elapsed_ms })}</dd>
            </div>
          </dl>
          {result.broken && (
            <p className="bad small" data-testid="ledger-proof-broken">
              {t("admin.proof.link", {
                account: result.broken.account,
                position: result.broken.position,
                entry: result.broken.entry_id ?? "—",
              })}{" "}
              <span className="mono">
                {short(result.broken.expected)} / {short(result.broken.stored)}
              </span>
            </p>
          )}
        </div>
      )}
      <h3 className="small">{t("admin.proof.digests")}</h3>
      {digests.isError && <ErrorState error={digests.error} onRetry={() => digests.refetch()} />}
      {digests.data && digests.data.data.length === 0 && (
        <p className="muted small">{t("admin.proof.noDigests")}</p>
      )}
      {digests.data && digests.data.data.length > 0 && (
        <ul className="admin-list" data-testid="ledger-digests">
          {digests.data.data.map((digest) => (
            <li key={digest.day} className="admin-row">
              <span>{digest.day}</span>
              <span className="mono" title={digest.root}>
                {short(digest.root)}
              </span>
              <span className="muted small">
                {t("admin.proof.covers", { chains: digest.chains, entries: digest.entries })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
