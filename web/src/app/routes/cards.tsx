import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { CardList } from "../../features/cards/components/card-list";
import { OpenCardButton } from "../../features/cards/components/open-card-button";

export default function CardsRoute() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t("nav.cards")} />
      <CardList />
      <OpenCardButton />
    </div>
  );
}
