import { useTranslation } from "react-i18next";
import { Card } from "../../../components/ui/card";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";
import { formatDay, tashkentDay } from "../../../lib/dates";
import { useCard } from "../api/cards";
import { BankCardView } from "./bank-card";
import { CardFreezeNotice } from "./card-freeze-notice";
import { cardState } from "./card-state";
import { CardStatusButton } from "./card-status-button";
import { ReceivingCard } from "./receiving-card";
import { StatementButton } from "./statement-dialog";

export function CardDetails({ cardId }: { cardId: string }) {
  const { t, i18n } = useTranslation();
  const card = useCard(cardId);
  if (card.isPending) return <Spinner />;
  if (card.isError) return <ErrorState error={card.error} onRetry={() => card.refetch()} />;
  const data = card.data;
  const state = cardState(data);
  const statusLabel =
    state === "blocked"
      ? t("cards.blocked")
      : state === "limitFrozen"
        ? t("cards.limitFrozen")
        : state === "notActivated"
          ? t("cardStatus.notActivated")
          : t(`cardStatus.${data.status}`);
  return (
    <div className="card-details">
      <BankCardView card={data} />
      <Card>
        <dl className="facts">
          <div>
            <dt>{t("cards.status")}</dt>
            <dd>{statusLabel}</dd>
          </div>
          <div>
            <dt>{t("cards.expiry")}</dt>
            <dd className="nowrap">{formatDay(data.expiry_date, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t("cards.opened")}</dt>
            <dd className="nowrap">{formatDay(tashkentDay(data.created_at), i18n.language)}</dd>
          </div>
        </dl>
        <CardFreezeNotice card={data} />
        <CardStatusButton card={data} />
        <ReceivingCard card={data} />
        <StatementButton cardId={data.id} />
      </Card>
    </div>
  );
}
