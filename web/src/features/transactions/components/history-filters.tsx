import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { DateField } from "../../../components/ui/date-field";
import { Select } from "../../../components/ui/input";
import type { HistoryFilters } from "../api/transactions";

/** Date range, direction and status; applied on submit so typing a date does not refetch. */
export function HistoryFiltersForm({
  value,
  onChange,
}: {
  value: HistoryFilters;
  onChange: (filters: HistoryFilters) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  // A date typed only in part is not applied (nor silently dropped).
  const [unreadable, setUnreadable] = useState({ start: false, end: false });
  const invalidRange = Boolean(
    draft.start_date && draft.end_date && draft.start_date > draft.end_date,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalidRange && !unreadable.start && !unreadable.end) onChange(draft);
  };
  const set = (patch: Partial<HistoryFilters>) => setDraft((current) => ({ ...current, ...patch }));

  return (
    <form className="filters" onSubmit={submit} aria-label={t("history.filters")}>
      <DateField
        label={t("history.from")}
        value={draft.start_date}
        max={draft.end_date}
        onChange={(day) => set({ start_date: day })}
        onInvalid={(start) => setUnreadable((current) => ({ ...current, start }))}
      />
      <DateField
        label={t("history.to")}
        value={draft.end_date}
        min={draft.start_date}
        align="end"
        error={invalidRange ? t("history.badRange") : undefined}
        onChange={(day) => set({ end_date: day })}
        onInvalid={(end) => setUnreadable((current) => ({ ...current, end }))}
      />
      <Select
        label={t("history.direction")}
        value={draft.direction ?? ""}
        onChange={(event) =>
          set({ direction: (event.target.value || undefined) as HistoryFilters["direction"] })
        }
      >
        <option value="">{t("history.all")}</option>
        <option value="in">{t("direction.in")}</option>
        <option value="out">{t("direction.out")}</option>
      </Select>
      <Select
        label={t("history.status")}
        value={draft.status ?? ""}
        onChange={(event) =>
          set({ status: (event.target.value || undefined) as HistoryFilters["status"] })
        }
      >
        <option value="">{t("history.all")}</option>
        <option value="success">{t("status.success")}</option>
        <option value="failed">{t("status.failed")}</option>
      </Select>
      <div className="filters-actions">
        <Button type="submit" size="sm">
          {t("history.apply")}
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          onClick={() => {
            setDraft({});
            setUnreadable({ start: false, end: false });
            onChange({});
          }}
        >
          {t("history.reset")}
        </Button>
      </div>
    </form>
  );
}
