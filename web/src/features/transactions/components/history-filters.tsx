import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Input, Select } from "../../../components/ui/input";
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
  const invalidRange = Boolean(
    draft.start_date && draft.end_date && draft.start_date > draft.end_date,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalidRange) onChange(draft);
  };
  const set = (patch: Partial<HistoryFilters>) => setDraft((current) => ({ ...current, ...patch }));

  return (
    <form className="filters" onSubmit={submit} aria-label={t("history.filters")}>
      <Input
        label={t("history.from")}
        type="date"
        value={draft.start_date ?? ""}
        onChange={(event) => set({ start_date: event.target.value || undefined })}
      />
      <Input
        label={t("history.to")}
        type="date"
        value={draft.end_date ?? ""}
        error={invalidRange ? t("history.badRange") : undefined}
        onChange={(event) => set({ end_date: event.target.value || undefined })}
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
            onChange({});
          }}
        >
          {t("history.reset")}
        </Button>
      </div>
    </form>
  );
}
