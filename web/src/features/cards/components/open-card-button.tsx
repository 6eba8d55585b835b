import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import { Icon } from "../../../components/ui/icons";
import { isProblem } from "../../../lib/api/problem";
import { useOpenCard } from "../api/cards";

/**
 * Opens a new card (frozen until activated). The role's limit is the server's
 * call: a second card for role user gets 409 CARD_LIMIT, whose localized detail
 * is shown right under this button with the way out (Premium allows more cards).
 */
export function OpenCardButton({ block }: { block?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const openCard = useOpenCard();
  return (
    <div className="open-card">
      <Button
        icon={<Icon name="plus" size={18} />}
        block={block}
        loading={openCard.isPending}
        onClick={() =>
          openCard.mutate(undefined, { onSuccess: (card) => navigate(`/cards/${card.id}`) })
        }
      >
        {t("cards.openCard")}
      </Button>
      <InlineError error={openCard.error} />
      {isProblem(openCard.error, "CARD_LIMIT") && (
        <Link to="/premium" className="open-card-premium">
          {t("cards.getPremium")}
        </Link>
      )}
    </div>
  );
}
