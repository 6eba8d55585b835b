import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Receipt } from "../../../components/receipt";
import { useStepUp } from "../../../components/step-up/use-step-up";
import { AmountInput } from "../../../components/ui/amount-input";
import { Button, ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import type { BankCard } from "../../../lib/api/client";
import { isProblem, isRetryableAttempt } from "../../../lib/api/problem";
import { maskCardNumber } from "../../../lib/card";
import { formatDateTime } from "../../../lib/dates";
import { commissionTiyin, fromTiyin, parseAmountInput, toTiyin } from "../../../lib/money";
import type { RoleTerms } from "../../../lib/terms";
import {
  type PaidRequest,
  type PaymentRequest,
  usePaymentRequest,
  usePayPaymentRequest,
} from "../api/payment-requests";
import { RequestStatusBadge } from "./request-status";

/** One payment attempt: what is sent, and the Idempotency-Key every retry of it reuses. */
interface Attempt {
  key: string;
  fromCard: BankCard;
  amount: string;
  commission: string;
  total: string;
  /** The request's own amount is not sent again: the server takes it. */
  sendAmount: boolean;
}

/**
 * Pays a request opened from its link or QR code: who asks (masked), how much
 * (or an amount to type), from which card; a confirm that names all of it;
 * then the receipt. A request that can no longer be paid says why.
 */
export function PayRequest({
  requestId,
  cards,
  terms,
}: {
  requestId: string;
  cards: BankCard[];
  terms: RoleTerms;
}) {
  const { t } = useTranslation();
  const request = usePaymentRequest(requestId);
  const [receipt, setReceipt] = useState<PaidRequest | null>(null);

  if (receipt) {
    return (
      <div className="stack">
        <h2 className="success-title">{t("paymentRequests.paidTitle")}</h2>
        <Receipt transaction={receipt} direction="out" repeatable={false} />
        <ButtonLink to="/dashboard" variant="secondary">
          {t("common.home")}
        </ButtonLink>
      </div>
    );
  }
  if (request.isPending) return <Spinner />;
  if (request.isError) {
    return isProblem(request.error, "PAYMENT_REQUEST_NOT_FOUND") ? (
      <EmptyState title={t("paymentRequests.notFound")} />
    ) : (
      <ErrorState error={request.error} onRetry={() => request.refetch()} />
    );
  }
  return <PayForm request={request.data} cards={cards} terms={terms} onPaid={setReceipt} />;
}

function PayForm({
  request,
  cards,
  terms,
  onPaid,
}: {
  request: PaymentRequest;
  cards: BankCard[];
  terms: RoleTerms;
  onPaid: (receipt: PaidRequest) => void;
}) {
  const { t, i18n } = useTranslation();
  const active = cards.filter((card) => card.status === "active");
  const [fromCardId, setFromCardId] = useState(active[0]?.id ?? "");
  const [typed, setTyped] = useState("");
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const pay = usePayPaymentRequest();
  const stepUp = useStepUp();
  // Set before the request leaves, so a second click in the same instant sends nothing.
  const sending = useRef(false);

  const summary = (
    <dl className="facts">
      <div>
        <dt>{t("paymentRequests.requester")}</dt>
        <dd>
          <strong data-testid="pay-requester">{request.requester_name}</strong>
        </dd>
      </div>
      <div>
        <dt>{t("paymentRequests.amount")}</dt>
        <dd>
          {request.amount ? <Money value={request.amount} /> : t("paymentRequests.anyAmount")}
        </dd>
      </div>
      {request.description && (
        <div>
          <dt>{t("paymentRequests.description")}</dt>
          <dd>{request.description}</dd>
        </div>
      )}
    </dl>
  );

  if (request.status !== "open") {
    const mine = request.payments[0];
    return (
      <Card
        title={t("paymentRequests.payTitle")}
        actions={<RequestStatusBadge status={request.status} />}
      >
        {summary}
        <div className="alert alert-info" role="status" data-testid="pay-closed">
          {t(`paymentRequests.closed_${request.status}`)}
          {mine && (
            <>
              {" "}
              {t("paymentRequests.youPaid", {
                time: formatDateTime(mine.paid_at, i18n.language),
              })}
            </>
          )}
        </div>
      </Card>
    );
  }

  if (active.length === 0) {
    return (
      <EmptyState
        title={t("transfer.noActiveCard")}
        text={t("transfer.noActiveCardText")}
        action={<ButtonLink to="/cards">{t("nav.cards")}</ButtonLink>}
      />
    );
  }

  if (attempt) {
    const send = async () => {
      if (sending.current) return;
      sending.current = true;
      const body = {
        from_card_id: attempt.fromCard.id,
        ...(attempt.sendAmount ? { amount: attempt.amount } : {}),
      };
      try {
        // Above the threshold the payment is confirmed first (passkey or password).
        const paid = await stepUp.run(
          attempt.key,
          { amount: attempt.amount, payment_request_id: request.id },
          (stepUpToken) =>
            pay.mutateAsync({ id: request.id, body, idempotencyKey: attempt.key, stepUpToken }),
        );
        if (paid) onPaid(paid);
      } catch {
        // Shown from the mutation's error below.
      } finally {
        sending.current = false;
      }
    };
    const error = pay.error;
    // A lost answer is retried as the same attempt (same key: replayed, never paid twice).
    const retryable = isRetryableAttempt(error);
    return (
      <Card title={t("paymentRequests.confirmTitle")}>
        <dl className="facts">
          <div>
            <dt>{t("transfer.from")}</dt>
            <dd className="mono card-number">{maskCardNumber(attempt.fromCard.card_number)}</dd>
          </div>
          <div>
            <dt>{t("transfer.to")}</dt>
            <dd>
              <strong data-testid="confirm-owner">{request.requester_name}</strong>
            </dd>
          </div>
          <div>
            <dt>{t("transfer.amount")}</dt>
            <dd>
              <Money value={attempt.amount} />
            </dd>
          </div>
          <div>
            <dt>{t("transfer.commission")}</dt>
            <dd>
              <Money value={attempt.commission} />
            </dd>
          </div>
          <div className="facts-total">
            <dt>{t("transfer.total")}</dt>
            <dd>
              <Money value={attempt.total} />
            </dd>
          </div>
        </dl>
        <InlineError error={error} />
        <div className="row">
          <Button
            variant="ghost"
            disabled={pay.isPending}
            onClick={() => {
              pay.reset();
              setAttempt(null);
            }}
          >
            {t("transfer.edit")}
          </Button>
          {(error === null || retryable) && (
            <Button loading={pay.isPending} onClick={() => void send()}>
              {retryable ? t("common.retry") : t("paymentRequests.pay")}
            </Button>
          )}
        </div>
        {stepUp.dialog}
      </Card>
    );
  }

  const amountText = request.amount ?? parseAmountInput(typed);
  const amountError = submitted && amountText === null ? t("validation.amount") : undefined;
  return (
    <Card title={t("paymentRequests.payTitle")}>
      {summary}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          const fromCard = active.find((card) => card.id === fromCardId);
          if (!fromCard || amountText === null) return;
          const amount = toTiyin(amountText) as bigint;
          const commission = commissionTiyin(amount, terms.commission_bp);
          setAttempt({
            key: crypto.randomUUID(),
            fromCard,
            amount: fromTiyin(amount),
            commission: fromTiyin(commission),
            total: fromTiyin(amount + commission),
            sendAmount: request.amount === null,
          });
        }}
      >
        <fieldset className="from-cards">
          <legend className="from-cards-legend">{t("transfer.from")}</legend>
          {active.map((card) => (
            <label key={card.id} className="from-card" data-testid="from-card">
              <input
                type="radio"
                name="from_card_id"
                value={card.id}
                checked={fromCardId === card.id}
                onChange={() => setFromCardId(card.id)}
              />
              <span className="from-card-text">
                <span className="mono card-number">{maskCardNumber(card.card_number)}</span>
                <Money className="from-card-balance" value={card.balance} />
              </span>
            </label>
          ))}
        </fieldset>
        {request.amount === null && (
          <AmountInput
            label={t("transfer.amount")}
            value={typed}
            onChange={setTyped}
            error={amountError}
          />
        )}
        <Button type="submit" block>
          {t("transfer.continue")}
        </Button>
      </form>
    </Card>
  );
}
