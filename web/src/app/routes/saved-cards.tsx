import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { AddSavedCard } from "../../features/saved-cards/components/add-saved-card";
import { SavedCardList } from "../../features/saved-cards/components/saved-card-list";

export default function SavedCardsRoute() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t("nav.savedCards")} />
      <div className="two-col">
        <SavedCardList />
        <AddSavedCard />
      </div>
    </div>
  );
}
