import { type MaskedFieldProps, MaskedInput } from "./masked-input";
import { cardNumberMask } from "./masks";

/** A card number grouped by four as it is typed or pasted; the form's value is the 16 digits. */
export function CardNumberInput(props: MaskedFieldProps) {
  return (
    <MaskedInput
      inputMode="numeric"
      autoComplete="off"
      placeholder="7777 0000 0000 0000"
      {...props}
      mask={cardNumberMask}
    />
  );
}
