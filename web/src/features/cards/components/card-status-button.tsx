import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import { ConfirmDialog } from "../../../components/ui/modal";
import type { BankCard } from "../../../lib/api/client";
import { maskCardNumber } from "../../../lib/card";
import { useCards, useSetCardStatus } from "../api/cards";

/**
 * Activate a frozen card at once; freezing an active one asks first. A card the
 * bank blocked has no action: only the bank reopens it. Activating a card the
 * plan's limit froze may be refused (409 ACTIVE_CARD_LIMIT): its detail is shown
 * until any card changes (freezing another card is what that refusal asks for).
 */
export function CardStatusButton({ card }: { card: BankCard }) {
  const { t } = useTranslation();
  const setStatus = useSetCardStatus();
  const [confirming, setConfirming] = useState(false);
  const cardsUpdatedAt = useCards().dataUpdatedAt;
  const error = setStatus.submittedAt >= cardsUpdatedAt ? setStatus.error : null;

  if (card.status !== "active" && card.status !== "frozen") return null;
  if (card.status === "frozen" && card.frozen_by === "bank") return null;
  const freeze = () =>
    setStatus.mutate({ id: card.id, action: "freeze" }, { onSettled: () => setConfirming(false) });

  return (
    <div className="card-status-action">
      {card.status === "frozen" ? (
        <Button
          size="sm"
          loading={setStatus.isPending}
          onClick={() => setStatus.mutate({ id: card.id, action: "unfreeze" })}
        >
          {t("cards.activate")}
        </Button>
      ) : (
        <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
          {t("cards.freeze")}
        </Button>
      )}
      <InlineError error={error} />
      <ConfirmDialog
        open={confirming}
        title={t("cards.freezeTitle")}
        text={t("cards.freezeText", { number: maskCardNumber(card.card_number) })}
        confirmLabel={t("cards.freeze")}
        danger
        loading={setStatus.isPending}
        onConfirm={freeze}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
