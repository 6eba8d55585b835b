import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { ErrorState } from "../../components/ui/error-state";
import { Spinner } from "../../components/ui/spinner";
import { useCards } from "../../features/cards/api/cards";
import { PremiumPanel } from "../../features/premium/components/premium-panel";
import { useUser } from "../../lib/auth/auth";

export default function PremiumRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const cards = useCards();
  return (
    <div className="page page-narrow">
      <PageHeader title={t("nav.premium")} />
      {user.isPending || cards.isPending ? (
        <Spinner />
      ) : user.isError ? (
        <ErrorState error={user.error} onRetry={() => user.refetch()} />
      ) : cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => cards.refetch()} />
      ) : (
        <PremiumPanel user={user.data} cards={cards.data} />
      )}
    </div>
  );
}
