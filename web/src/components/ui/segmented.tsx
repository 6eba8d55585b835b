/**
 * A choice of a few options drawn as one segmented control. Radios underneath,
 * so arrow keys and screen readers treat it as the single choice it is.
 */
export function Segmented<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly (readonly [T, string])[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="from-cards-legend">{legend}</legend>
      <div className="segmented-options">
        {options.map(([option, label]) => (
          <label key={option} className="segmented-option" data-testid={`${name}-${option}`}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
