import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
}

interface InputProps extends InputHTMLAttributes<HTMLInputElement>, FieldProps {
  ref?: Ref<HTMLInputElement>;
  /** Something shown at the end of the field, e.g. a show/hide toggle. */
  trailing?: ReactNode;
}

/** A labelled input with its error and hint wired to aria-describedby. */
export function Input({ label, error, hint, trailing, id, className, ref, ...props }: InputProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = [error ? `${inputId}-error` : "", hint ? `${inputId}-hint` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={["field", error ? "field-invalid" : "", className ?? ""].join(" ")}>
      <label htmlFor={inputId}>{label}</label>
      <div className="field-control">
        <input
          id={inputId}
          ref={ref}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          className={trailing ? "has-trailing" : undefined}
          {...props}
        />
        {trailing}
      </div>
      {hint && (
        <div id={`${inputId}-hint`} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${inputId}-error`} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

interface SelectProps extends InputHTMLAttributes<HTMLSelectElement>, FieldProps {
  ref?: Ref<HTMLSelectElement>;
  children: ReactNode;
}

export function Select({
  label,
  error,
  hint,
  id,
  className,
  ref,
  children,
  ...props
}: SelectProps) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={["field", error ? "field-invalid" : "", className ?? ""].join(" ")}>
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        {...props}
      >
        {children}
      </select>
      {hint && <div className="field-hint">{hint}</div>}
      {error && (
        <div id={`${selectId}-error`} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
