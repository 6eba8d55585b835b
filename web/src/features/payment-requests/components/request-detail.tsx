import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { ConfirmDialog } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { displayCardNumber } from "../../../lib/card";
import { formatDateTime } from "../../../lib/dates";
import { shareOrCopy } from "../../../lib/receipt";
import {
  type PaymentRequest,
  useCancelPaymentRequest,
  usePaymentRequest,
} from "../api/payment-requests";
import { downloadQr, RequestQr } from "./request-qr";
import { RequestStatusBadge } from "./request-status";

/** One of the caller's requests: its link and QR code to share, who paid, and cancel. */
export function RequestDetail({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const request = usePaymentRequest(requestId);
  if (request.isPending) return <Spinner />;
  if (request.isError) {
    return <ErrorState error={request.error} onRetry={() => request.refetch()} />;
  }
  return <RequestPanel request={request.data} title={t("paymentRequests.detailTitle")} />;
}

function RequestPanel({ request, title }: { request: PaymentRequest; title: string }) {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<"copied" | "shareFailed" | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const cancel = useCancelPaymentRequest();
  const payable = request.status === "open";

  const share = async () => {
    setNotice(null);
    try {
      const outcome = await shareOrCopy({
        title: t("paymentRequests.shareTitle"),
        text: t("paymentRequests.shareText", {
          amount: request.amount ? `${request.amount} ${t("currency")}` : "",
          url: request.url,
        }).trim(),
      });
      if (outcome === "copied") setNotice("copied");
    } catch {
      setNotice("shareFailed");
    }
  };

  return (
    <Card title={title} actions={<RequestStatusBadge status={request.status} />}>
      <div className="request-detail">
        {payable && <RequestQr text={request.url} label={t("paymentRequests.qrLabel")} />}
        <dl className="facts">
          <div>
            <dt>{t("paymentRequests.amount")}</dt>
            <dd>
              {request.amount ? <Money value={request.amount} /> : t("paymentRequests.anyAmount")}
            </dd>
          </div>
          {request.to_card && (
            <div>
              <dt>{t("paymentRequests.toCard")}</dt>
              <dd className="mono card-number">{displayCardNumber(request.to_card.card_number)}</dd>
            </div>
          )}
          {request.description && (
            <div>
              <dt>{t("paymentRequests.description")}</dt>
              <dd>{request.description}</dd>
            </div>
          )}
          <div>
            <dt>{t("paymentRequests.expiresAt")}</dt>
            <dd>{formatDateTime(request.expires_at, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t("paymentRequests.received")}</dt>
            <dd>
              <Money value={request.received_total} />
            </dd>
          </div>
        </dl>
        {payable && (
          <div className="stack">
            <label className="field">
              <span>{t("paymentRequests.link")}</span>
              <input
                className="mono request-link"
                readOnly
                value={request.url}
                data-testid="request-link"
                onFocus={(event) => event.currentTarget.select()}
              />
            </label>
            <div className="row">
              <Button variant="secondary" onClick={share}>
                {t("paymentRequests.share")}
              </Button>
              <Button
                variant="secondary"
                onClick={() =>
                  downloadQr(request.url, `chontak-request-${request.id.slice(0, 8)}.svg`)
                }
              >
                {t("paymentRequests.downloadQr")}
              </Button>
              <Button variant="ghost" onClick={() => setCancelling(true)}>
                {t("paymentRequests.cancel")}
              </Button>
            </div>
            <p
              className={notice === "shareFailed" ? "receipt-notice is-error" : "receipt-notice"}
              role="status"
            >
              {notice ? t(`paymentRequests.${notice}`) : ""}
            </p>
          </div>
        )}
      </div>
      <h3 className="request-payments-title">{t("paymentRequests.payments")}</h3>
      {request.payments.length === 0 ? (
        <p className="muted">{t("paymentRequests.noPayments")}</p>
      ) : (
        <ul className="request-payments" data-testid="request-payments">
          {request.payments.map((payment) => (
            <li key={payment.transaction_id} className="request-payment">
              <span>{payment.payer_name}</span>
              <Money value={payment.amount} />
              <span className="muted small">{formatDateTime(payment.paid_at, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={cancelling}
        title={t("paymentRequests.cancelTitle")}
        text={
          <>
            <p>{t("paymentRequests.cancelText")}</p>
            <InlineError error={cancel.error} />
          </>
        }
        confirmLabel={t("paymentRequests.cancelConfirm")}
        danger
        loading={cancel.isPending}
        onConfirm={() => cancel.mutate(request.id, { onSuccess: () => setCancelling(false) })}
        onCancel={() => {
          cancel.reset();
          setCancelling(false);
        }}
      />
    </Card>
  );
}
