import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { ErrorState } from "../../components/ui/error-state";
import { Spinner } from "../../components/ui/spinner";
import { useCards } from "../../features/cards/api/cards";
import { SavedCardPicker } from "../../features/saved-cards/components/saved-card-picker";
import { useTransferRepeat } from "../../features/transfers/api/transfers";
import { SendMoney } from "../../features/transfers/components/send-money";
import { useUser } from "../../lib/auth/auth";
import { useTerms } from "../../lib/terms";

export default function SendRoute() {
  const { t } = useTranslation();
  const cards = useCards();
  const user = useUser();
  const terms = useTerms();
  // "?repeat=<transaction id>" opens the form filled as that payment of the user's was.
  const repeatId = useSearchParams()[0].get("repeat");
  const repeat = useTransferRepeat(repeatId);
  // "?phone=+998…" or "?card=7777…": a saved card or phone contact to pay.
  const [search] = useSearchParams();
  const phone = search.get("phone");
  const cardNumber = search.get("card");
  const receiver = phone
    ? { phone_number: phone }
    : cardNumber
      ? { card_number: cardNumber }
      : undefined;
  return (
    <div className="page page-narrow">
      <PageHeader title={t("transfer.title")} />
      {cards.isPending || user.isPending || terms.isPending || (repeatId && repeat.isPending) ? (
        <Spinner />
      ) : cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => cards.refetch()} />
      ) : user.isError ? (
        <ErrorState error={user.error} onRetry={() => user.refetch()} />
      ) : terms.isError ? (
        <ErrorState error={terms.error} onRetry={() => terms.refetch()} />
      ) : repeat.isError ? (
        <ErrorState error={repeat.error} onRetry={() => repeat.refetch()} />
      ) : (
        <SendMoney
          key={repeatId ?? phone ?? cardNumber ?? ""}
          cards={cards.data}
          terms={terms.data.roles[user.data.role]}
          receiverPicker={(pick) => <SavedCardPicker onPick={pick} />}
          prefill={repeat.data}
          receiver={receiver}
        />
      )}
    </div>
  );
}
