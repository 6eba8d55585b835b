import { type MaskedFieldProps, MaskedInput } from "./masked-input";
import { phoneMask } from "./masks";

/**
 * An Uzbek phone number as `+998 __ ___ __ __`. Typed or pasted with spaces,
 * dashes, brackets, with or without +998; the form's value is E.164
 * (`+998901234567`), "+998" while empty.
 */
export function PhoneInput(props: MaskedFieldProps) {
  return <MaskedInput type="tel" inputMode="tel" autoComplete="tel" {...props} mask={phoneMask} />;
}
