import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { ErrorState } from "../../components/ui/error-state";
import { Spinner } from "../../components/ui/spinner";
import { useCards } from "../../features/cards/api/cards";
import { RequestForm } from "../../features/payment-requests/components/request-form";
import { RequestList } from "../../features/payment-requests/components/request-list";

export default function RequestsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cards = useCards();
  return (
    <div className="page">
      <PageHeader title={t("nav.requests")} />
      <div className="two-col">
        {cards.isPending ? (
          <Spinner />
        ) : cards.isError ? (
          <ErrorState error={cards.error} onRetry={() => cards.refetch()} />
        ) : (
          <RequestForm
            cards={cards.data}
            onCreated={(created) => navigate(`/requests/${created.id}`)}
          />
        )}
        <RequestList />
      </div>
    </div>
  );
}
