import { format } from "date-fns";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { DayPicker } from "react-day-picker";
import { enUS, ru, uz } from "react-day-picker/locale";
import "react-day-picker/style.css";
import { useTranslation } from "react-i18next";
import { tashkentDay } from "../../lib/dates";
import { DAY_FORMAT, displayDate, parseDisplayDate, toDate } from "./date-text";
import { Icon } from "./icons";
import { MaskedInput } from "./masked-input";
import { dateMask } from "./masks";

const PICKER_LOCALES = { uz, ru, en: enUS } as const;

/**
 * A calendar day, typed as dd.mm.yyyy or picked from a calendar in the UI
 * language. The value is "YYYY-MM-DD" (the API's day, Asia/Tashkent), undefined
 * when empty; `onInvalid` says whether the typed text is no date yet. Days after
 * today (Tashkent) or outside min–max cannot be picked. The calendar closes on Escape, on a click
 * or Tab outside, and once a day is picked.
 */
export function DateField({
  label,
  value,
  onChange,
  onInvalid,
  error,
  min,
  max,
  align = "start",
}: {
  label: string;
  value?: string;
  onChange: (value: string | undefined) => void;
  onInvalid?: (invalid: boolean) => void;
  error?: string;
  /** The earliest and latest day the calendar offers ("YYYY-MM-DD"); never after today. */
  min?: string;
  max?: string;
  /** Which edge of the field the calendar lines up with. */
  align?: "start" | "end";
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(value ? displayDate(value) : "");
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const popoverId = useId();
  const invalid = text !== "" && parseDisplayDate(text) === null;

  // A value set from outside (a reset) replaces the text.
  useEffect(() => {
    setText((current) => {
      const shown = parseDisplayDate(current) ?? undefined;
      return shown === value ? current : value ? displayDate(value) : "";
    });
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);

  const type = (next: string) => {
    setText(next);
    const day = parseDisplayDate(next);
    onInvalid?.(next !== "" && day === null);
    if (day !== null || next === "") onChange(day ?? undefined);
    else if (value !== undefined) onChange(undefined);
  };

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const onPopoverKey = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    close();
  };

  const todayDay = tashkentDay(new Date());
  const today = toDate(todayDay);
  const last = max && max < todayDay ? toDate(max) : today;
  const selected = value ? toDate(value) : undefined;
  const language = i18n.language as keyof typeof PICKER_LOCALES;

  return (
    <div className="date-field" ref={root}>
      <MaskedInput
        label={label}
        mask={dateMask}
        value={text}
        onChange={type}
        onBlur={() => setTouched(true)}
        inputMode="numeric"
        autoComplete="off"
        placeholder={t("common.datePlaceholder")}
        error={error ?? (touched && invalid ? t("validation.date") : undefined)}
        trailing={
          <button
            ref={toggle}
            type="button"
            className="icon-btn field-trailing"
            aria-label={t("common.chooseDate", { label })}
            aria-haspopup="dialog"
            aria-expanded={open}
            aria-controls={open ? popoverId : undefined}
            onClick={() => setOpen((current) => !current)}
          >
            <Icon name="calendar" />
          </button>
        }
      />
      {open && (
        <div
          id={popoverId}
          className={`date-popover date-popover-${align}`}
          role="dialog"
          aria-label={label}
          onKeyDown={onPopoverKey}
          // Tabbing to something outside the field closes the calendar (focus lost to a
          // re-rendered day has no new target and keeps it open).
          onBlur={(event) => {
            const next = event.relatedTarget as Node | null;
            if (next && !root.current?.contains(next)) setOpen(false);
          }}
        >
          <DayPicker
            mode="single"
            required
            autoFocus
            locale={PICKER_LOCALES[language] ?? uz}
            weekStartsOn={1}
            today={today}
            selected={selected}
            defaultMonth={selected ?? last}
            endMonth={last}
            startMonth={min ? toDate(min) : undefined}
            disabled={[{ after: last }, ...(min ? [{ before: toDate(min) }] : [])]}
            onSelect={(day) => {
              const picked = format(day, DAY_FORMAT);
              setText(displayDate(picked));
              onInvalid?.(false);
              onChange(picked);
              close();
            }}
          />
        </div>
      )}
    </div>
  );
}
