import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { ErrorState } from "../../components/ui/error-state";
import { Spinner } from "../../components/ui/spinner";
import { useCards } from "../../features/cards/api/cards";
import { PayRequest } from "../../features/payment-requests/components/pay-request";
import { useUser } from "../../lib/auth/auth";
import { useTerms } from "../../lib/terms";

/** A payment request's link lands here (after the login, for a guest). */
export default function PayRoute() {
  const { t } = useTranslation();
  const { requestId = "" } = useParams();
  const cards = useCards();
  const user = useUser();
  const terms = useTerms();
  return (
    <div className="page page-narrow">
      <PageHeader title={t("paymentRequests.payTitle")} />
      {cards.isPending || user.isPending || terms.isPending ? (
        <Spinner />
      ) : cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => cards.refetch()} />
      ) : user.isError ? (
        <ErrorState error={user.error} onRetry={() => user.refetch()} />
      ) : terms.isError ? (
        <ErrorState error={terms.error} onRetry={() => terms.refetch()} />
      ) : (
        <PayRequest
          requestId={requestId}
          cards={cards.data}
          terms={terms.data.roles[user.data.role]}
        />
      )}
    </div>
  );
}
