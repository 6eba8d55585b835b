import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { Card } from "../../components/ui/card";
import { Icon } from "../../components/ui/icons";
import { useOwnCardNumbers } from "../../features/cards/api/cards";
import { CardDetails } from "../../features/cards/components/card-details";
import { History } from "../../features/transactions/components/history";

export default function CardRoute() {
  const { t } = useTranslation();
  const { cardId = "" } = useParams();
  const ownCardNumbers = useOwnCardNumbers();
  return (
    <div className="page">
      <PageHeader
        title={t("cards.detail")}
        back={
          <Link to="/cards" className="icon-btn" aria-label={t("common.back")}>
            <Icon name="back" />
          </Link>
        }
      />
      <div className="two-col">
        <CardDetails cardId={cardId} />
        <Card title={t("cards.history")}>
          <History filters={{ card_id: cardId }} ownCardNumbers={ownCardNumbers} />
        </Card>
      </div>
    </div>
  );
}
