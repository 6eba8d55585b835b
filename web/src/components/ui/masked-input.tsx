import type { FactoryOpts, InputMask } from "imask";
import { type ComponentProps, type Ref, useCallback, useEffect, useRef } from "react";
import { useIMask } from "react-imask";
import { Input } from "./input";
import type { FieldMask } from "./masks";

type InputProps = Omit<ComponentProps<typeof Input>, "value" | "defaultValue" | "onChange" | "ref">;

export interface MaskedFieldProps extends InputProps {
  /** The form's value (what `toFormValue` makes of the text). */
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A labelled input whose text follows `mask` while the form keeps the mask's
 * form value: fits react-hook-form's Controller (`{...field}`). The mask owns the
 * text; a value the app sets (a picked card, a reset) is written into the mask.
 */
export function MaskedInput({
  mask,
  value,
  onChange,
  ref,
  ...props
}: MaskedFieldProps & { mask: FieldMask }) {
  const element = useRef<HTMLInputElement | null>(null);
  const latest = useRef({ onChange, mask, value });
  latest.current = { onChange, mask, value };
  // Stable, so the mask is not reconfigured on every render. Writing the form's own
  // value into the mask (a reset, a picked card) is no edit: it is not echoed back,
  // so it does not count as the user changing the field.
  const onAccept = useCallback((_text: string, input: InputMask<FactoryOpts>) => {
    const next = latest.current.mask.toFormValue(input.masked);
    if (next !== latest.current.value) latest.current.onChange(next);
  }, []);
  const { maskRef } = useIMask<HTMLInputElement, FactoryOpts>(mask.options, {
    ref: element,
    onAccept,
  });

  useEffect(() => {
    const input = maskRef.current;
    if (!input || latest.current.mask.toFormValue(input.masked) === value) return;
    input.unmaskedValue = latest.current.mask.toUnmasked(value);
  }, [value, maskRef]);

  return (
    <Input
      {...props}
      ref={(node) => {
        element.current = node;
        if (typeof ref === "function") ref(node);
        else if (ref) ref.current = node;
      }}
    />
  );
}
