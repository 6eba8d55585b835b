import { useTranslation } from "react-i18next";
import { Select } from "../../../components/ui/input";
import { displayCardNumber, formatCardInput } from "../../../lib/card";
import { useSavedCards } from "../api/saved-cards";

/**
 * Fills a card-number field from the user's saved cards. Shows nothing when
 * there are none (or while they load): typing the number stays the way.
 */
export function SavedCardPicker({ onPick }: { onPick: (cardNumber: string) => void }) {
  const { t } = useTranslation();
  const saved = useSavedCards();
  const cards = saved.data?.data ?? [];
  if (cards.length === 0) return null;
  return (
    <Select
      label={t("savedCards.pick")}
      value=""
      onChange={(event) => {
        const card = cards.find((entry) => entry.id === event.target.value);
        if (card?.card_number) onPick(formatCardInput(card.card_number));
      }}
    >
      <option value="">{t("savedCards.pickPlaceholder")}</option>
      {cards.map((card) => (
        <option key={card.id} value={card.id}>
          {card.alias} — {displayCardNumber(card.card_number ?? "")} ({card.card_holder_name})
        </option>
      ))}
    </Select>
  );
}
