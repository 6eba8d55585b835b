import type { UseFormRegisterReturn } from "react-hook-form";
import { Money } from "../../../components/ui/money";
import type { BankCard } from "../../../lib/api/client";
import { maskCardNumber } from "../../../lib/card";

/**
 * The paying card as a list of radio cards: each shows its masked number and its
 * whole balance on its own line, so nothing is cut off on a narrow phone (a
 * native select squeezes both into one truncated line).
 */
export function FromCardPicker({
  label,
  cards,
  error,
  field,
}: {
  label: string;
  cards: BankCard[];
  error?: string;
  field: UseFormRegisterReturn;
}) {
  return (
    <fieldset className="from-cards" aria-invalid={error ? true : undefined}>
      <legend className="from-cards-legend">{label}</legend>
      {cards.map((card) => (
        <label key={card.id} className="from-card" data-testid="from-card">
          <input type="radio" value={card.id} {...field} />
          <span className="from-card-text">
            <span className="mono card-number">{maskCardNumber(card.card_number)}</span>
            <Money className="from-card-balance" value={card.balance} />
          </span>
        </label>
      ))}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
