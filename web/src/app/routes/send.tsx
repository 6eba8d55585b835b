import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { ErrorState } from "../../components/ui/error-state";
import { Spinner } from "../../components/ui/spinner";
import { useCards } from "../../features/cards/api/cards";
import { SavedCardPicker } from "../../features/saved-cards/components/saved-card-picker";
import { SendMoney } from "../../features/transfers/components/send-money";
import { useUser } from "../../lib/auth/auth";
import { useTerms } from "../../lib/terms";

export default function SendRoute() {
  const { t } = useTranslation();
  const cards = useCards();
  const user = useUser();
  const terms = useTerms();
  return (
    <div className="page page-narrow">
      <PageHeader title={t("transfer.title")} />
      {cards.isPending || user.isPending || terms.isPending ? (
        <Spinner />
      ) : cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => cards.refetch()} />
      ) : user.isError ? (
        <ErrorState error={user.error} onRetry={() => user.refetch()} />
      ) : terms.isError ? (
        <ErrorState error={terms.error} onRetry={() => terms.refetch()} />
      ) : (
        <SendMoney
          cards={cards.data}
          terms={terms.data.roles[user.data.role]}
          receiverPicker={(pick) => <SavedCardPicker onPick={pick} />}
        />
      )}
    </div>
  );
}
