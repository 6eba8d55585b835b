import { useTranslation } from "react-i18next";
import { Select } from "../../../components/ui/input";
import { displayCardNumber, formatCardInput } from "../../../lib/card";
import { displayPhone } from "../../../lib/phone";
import { useSavedCards } from "../api/saved-cards";

/**
 * Fills the receiver from the user's saved cards and phone contacts. Shows
 * nothing when there are none (or while they load): typing stays the way.
 */
export function SavedCardPicker({
  onPick,
}: {
  onPick: (receiver: { card_number: string } | { phone_number: string }) => void;
}) {
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
        if (card?.phone_number) onPick({ phone_number: card.phone_number });
        else if (card?.card_number) onPick({ card_number: formatCardInput(card.card_number) });
      }}
    >
      <option value="">{t("savedCards.pickPlaceholder")}</option>
      {cards.map((card) => (
        <option key={card.id} value={card.id}>
          {card.alias} —{" "}
          {card.phone_number
            ? displayPhone(card.phone_number)
            : displayCardNumber(card.card_number ?? "")}{" "}
          ({card.card_holder_name})
        </option>
      ))}
    </Select>
  );
}
