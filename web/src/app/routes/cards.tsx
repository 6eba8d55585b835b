import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { ButtonLink } from "../../components/ui/button";
import { CardList } from "../../features/cards/components/card-list";

export default function CardsRoute() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader
        title={t("nav.cards")}
        actions={
          <ButtonLink to="/saved-cards" variant="secondary" size="sm">
            {t("nav.savedCards")}
          </ButtonLink>
        }
      />
      <CardList />
    </div>
  );
}
