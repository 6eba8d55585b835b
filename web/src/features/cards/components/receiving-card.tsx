import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import type { BankCard } from "../../../lib/api/client";
import { useChooseReceivingCard } from "../api/cards";

/**
 * Where money sent to the owner's phone number lands: this card says so, or
 * (when active) offers to become that card. Nothing moves, so no confirm.
 */
export function ReceivingCard({ card }: { card: BankCard }) {
  const { t } = useTranslation();
  const choose = useChooseReceivingCard();
  if (card.receiving) {
    return (
      <div className="receiving" data-testid="receiving-card">
        <span className="receiving-badge">{t("phonePay.receiving")}</span>
        <p className="muted small">{t("phonePay.receivingNote")}</p>
      </div>
    );
  }
  if (card.status !== "active") return null;
  return (
    <div className="receiving">
      <Button
        size="sm"
        variant="secondary"
        loading={choose.isPending}
        onClick={() => choose.mutate(card.id)}
      >
        {t("phonePay.makeReceiving")}
      </Button>
      <InlineError error={choose.error} />
    </div>
  );
}
