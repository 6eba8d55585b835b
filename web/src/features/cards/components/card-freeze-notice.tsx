import { useTranslation } from "react-i18next";
import { Icon } from "../../../components/ui/icons";
import type { BankCard } from "../../../lib/api/client";
import { useUser } from "../../../lib/auth/auth";
import { useTerms } from "../../../lib/terms";
import { cardState } from "./card-state";

/**
 * Why a card cannot pay yet: it was never activated (a new card opens so), its
 * owner froze it, the bank blocked it (with the reason; only the bank reopens it)
 * or the plan's card limit froze it (the owner may activate it once another card
 * is frozen). The limit is the one the API serves for the owner's role, stated
 * once both are known.
 */
export function CardFreezeNotice({ card }: { card: BankCard }) {
  const { t } = useTranslation();
  const user = useUser();
  const terms = useTerms();
  const state = cardState(card);
  if (state === "notActivated") {
    return (
      <div className="alert alert-info card-notice" data-testid="card-not-activated">
        <strong className="card-notice-title">{t("cardStatus.notActivated")}</strong>
        <span>{t("cards.notActivatedHint")}</span>
      </div>
    );
  }
  if (state === "ownerFrozen") {
    return (
      <p className="muted card-notice" data-testid="card-owner-frozen">
        {t("cards.frozenHint")}
      </p>
    );
  }
  if (state === "blocked") {
    return (
      <div className="alert alert-error card-notice" data-testid="card-blocked">
        <strong className="card-notice-title">
          <Icon name="lock" size={16} />
          {t("cards.blocked")}
        </strong>
        {card.freeze_reason && (
          <span>
            {t("cards.blockedReason", { reason: t(`freezeReason.${card.freeze_reason}`) })}
          </span>
        )}
        <span>{t("cards.blockedHint")}</span>
      </div>
    );
  }
  if (state === "limitFrozen") {
    const maxCards = user.data && terms.data?.roles[user.data.role].max_cards;
    return (
      <div className="alert alert-info card-notice" data-testid="card-limit-frozen">
        <strong className="card-notice-title">{t("cards.limitFrozen")}</strong>
        <span>
          {maxCards !== undefined && `${t("cards.limitRule", { count: maxCards })} `}
          {t("cards.limitHint")}
        </span>
      </div>
    );
  }
  return null;
}
