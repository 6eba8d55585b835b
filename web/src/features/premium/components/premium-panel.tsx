import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { Select } from "../../../components/ui/input";
import { ConfirmDialog } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import type { BankCard, Schemas, User } from "../../../lib/api/client";
import { isRetryableAttempt } from "../../../lib/api/problem";
import { maskCardNumber } from "../../../lib/card";
import { formatDateTime } from "../../../lib/dates";
import { formatBasisPoints, formatSom } from "../../../lib/money";
import { useTerms } from "../../../lib/terms";
import { useCancelRenewal, useSubscribe, useSubscription } from "../api/premium";

type Subscription = Schemas["Subscription"];

/** Premium: its price and terms as served, your plan, and buying or cancelling the renewal. */
export function PremiumPanel({ user, cards }: { user: User; cards: BankCard[] }) {
  const { t, i18n } = useTranslation();
  const terms = useTerms();
  const subscription = useSubscription();
  // Set by a purchase made on this screen, so its success is said once, where it happened.
  const [purchased, setPurchased] = useState(false);
  const offer = terms.data && {
    price: terms.data.subscription.price,
    periodDays: terms.data.subscription.period_days,
    benefits: t("premium.benefitsText", {
      commission: formatBasisPoints(terms.data.roles.premium.commission_bp, i18n.language),
      max: formatSom(terms.data.roles.premium.max_amount, t("currency")),
      count: terms.data.roles.premium.max_cards,
    }),
  };

  return (
    <div className="stack">
      <Card title={t("premium.offer")}>
        {terms.isPending ? (
          <Spinner />
        ) : terms.isError ? (
          <ErrorState error={terms.error} onRetry={() => terms.refetch()} />
        ) : (
          <dl className="facts">
            <div>
              <dt>{t("premium.price")}</dt>
              <dd data-testid="premium-price">
                <strong>
                  <Money value={terms.data.subscription.price} />
                </strong>
                <span className="muted small">
                  {t("premium.period", { count: terms.data.subscription.period_days })}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("premium.benefits")}</dt>
              <dd data-testid="premium-benefits">{offer?.benefits}</dd>
            </div>
            <div>
              <dt>{t("profile.role")}</dt>
              <dd data-testid="premium-role">{t(`role.${user.role}`)}</dd>
            </div>
          </dl>
        )}
      </Card>
      {subscription.isPending ? (
        <Spinner />
      ) : subscription.isError ? (
        <ErrorState error={subscription.error} onRetry={() => subscription.refetch()} />
      ) : subscription.data ? (
        <CurrentSubscription subscription={subscription.data} purchased={purchased} />
      ) : user.role === "admin" ? (
        <div className="alert alert-info">{t("premium.adminNote")}</div>
      ) : (
        <SubscribeForm cards={cards} offer={offer} onPurchased={() => setPurchased(true)} />
      )}
    </div>
  );
}

function CurrentSubscription({
  subscription,
  purchased,
}: {
  subscription: Subscription;
  purchased: boolean;
}) {
  const { t, i18n } = useTranslation();
  const cancel = useCancelRenewal();
  const [confirming, setConfirming] = useState(false);
  const end = formatDateTime(subscription.current_period_end, i18n.language);
  return (
    <Card title={t("premium.current")}>
      {purchased && subscription.auto_renew ? (
        <div className="alert alert-success" role="status" data-testid="premium-purchased">
          {t("premium.purchased", { date: end })}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("premium.status")}</dt>
          <dd data-testid="premium-status">
            {subscription.auto_renew ? t("premium.renewing") : t("premium.cancelled")}
          </dd>
        </div>
        <div>
          <dt>{subscription.auto_renew ? t("premium.nextPayment") : t("premium.until")}</dt>
          <dd data-testid="premium-end">{end}</dd>
        </div>
        <div>
          <dt>{t("premium.price")}</dt>
          <dd>
            <Money value={subscription.price} />
          </dd>
        </div>
        <div>
          <dt>{t("premium.card")}</dt>
          <dd className="mono card-number">
            {subscription.transaction.from_card
              ? maskCardNumber(subscription.transaction.from_card.card_number)
              : "—"}
          </dd>
        </div>
      </dl>
      {subscription.auto_renew ? (
        <div className="row">
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t("premium.cancelRenewal")}
          </Button>
        </div>
      ) : (
        <div className="alert alert-info" role="status">
          {t("premium.cancelledText", { date: end })}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("premium.cancelTitle")}
        text={
          <>
            <p>{t("premium.cancelText", { date: end })}</p>
            <InlineError error={cancel.error} />
          </>
        }
        confirmLabel={t("premium.cancelRenewal")}
        danger
        loading={cancel.isPending}
        onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          cancel.reset();
          setConfirming(false);
        }}
      />
    </Card>
  );
}

/** One purchase attempt: the card and the Idempotency-Key its retries reuse. */
interface Attempt {
  cardId: string;
  key: string;
}

interface Offer {
  price: string;
  periodDays: number;
  benefits: string;
}

/**
 * Choose the card, then confirm what is paid, from where, that it renews and how to
 * stop it, before any money moves.
 */
function SubscribeForm({
  cards,
  offer,
  onPurchased,
}: {
  cards: BankCard[];
  offer?: Offer;
  onPurchased: () => void;
}) {
  const { t } = useTranslation();
  const active = cards.filter((card) => card.status === "active");
  const [cardId, setCardId] = useState(active[0]?.id ?? "");
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [confirming, setConfirming] = useState(false);
  const subscribe = useSubscribe();
  // Set before the request leaves, so a second click in the same instant (before the
  // button re-renders as busy) pays nothing more.
  const paying = useRef(false);

  if (active.length === 0) {
    return (
      <EmptyState
        title={t("transfer.noActiveCard")}
        text={t("premium.noActiveCardText")}
        action={<ButtonLink to="/cards">{t("nav.cards")}</ButtonLink>}
      />
    );
  }

  const error = subscribe.error;
  // A lost or failed response is retried as the same attempt (same key: the
  // server replays instead of charging twice); a refusal starts a new attempt.
  const retryable = isRetryableAttempt(error);
  const buy = () => {
    if (paying.current) return;
    paying.current = true;
    const current =
      attempt && attempt.cardId === cardId && retryable
        ? attempt
        : { cardId, key: crypto.randomUUID() };
    setAttempt(current);
    subscribe.mutate(
      { cardId: current.cardId, idempotencyKey: current.key },
      {
        onSuccess: () => {
          setConfirming(false);
          onPurchased();
        },
        onSettled: () => {
          paying.current = false;
        },
      },
    );
  };
  const card = active.find((candidate) => candidate.id === cardId);
  const price = offer ? formatSom(offer.price, t("currency")) : "";

  return (
    <Card title={t("premium.subscribe")}>
      <div className="form">
        <Select
          label={t("premium.payFrom")}
          value={cardId}
          onChange={(event) => {
            setCardId(event.target.value);
            subscribe.reset();
          }}
        >
          {active.map((card) => (
            <option key={card.id} value={card.id}>
              {maskCardNumber(card.card_number)} — {formatSom(card.balance, t("currency"))}
            </option>
          ))}
        </Select>
        <Button block disabled={!cardId || !offer} onClick={() => setConfirming(true)}>
          {t("premium.buy", { price })}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("premium.confirmTitle")}
        text={
          <div className="stack" data-testid="premium-confirm">
            <dl className="facts">
              <div>
                <dt>{t("premium.price")}</dt>
                <dd>
                  <strong>{price}</strong>{" "}
                  <span className="muted small">
                    {t("premium.period", { count: offer?.periodDays ?? 0 })}
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t("premium.benefits")}</dt>
                <dd>{offer?.benefits}</dd>
              </div>
              <div>
                <dt>{t("premium.card")}</dt>
                <dd className="mono card-number">
                  {card ? maskCardNumber(card.card_number) : "—"}
                </dd>
              </div>
            </dl>
            <p>{t("premium.confirmRenewal", { count: offer?.periodDays ?? 0 })}</p>
            <p className="muted small">{t("premium.confirmCancel")}</p>
            <InlineError error={error} />
          </div>
        }
        confirmLabel={retryable ? t("common.retry") : t("premium.buy", { price })}
        loading={subscribe.isPending}
        onConfirm={buy}
        onCancel={() => {
          subscribe.reset();
          setConfirming(false);
        }}
      />
    </Card>
  );
}
