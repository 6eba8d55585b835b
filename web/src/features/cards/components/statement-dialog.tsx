import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { DateField } from "../../../components/ui/date-field";
import { Modal } from "../../../components/ui/modal";
import { Segmented } from "../../../components/ui/segmented";
import { addDays, tashkentDay } from "../../../lib/dates";
import {
  downloadStatement,
  presetPeriod,
  type StatementFormat,
  type StatementPreset,
} from "../api/statements";

/** "Download statement": a period (this month, last month or custom days) and a format. */
export function StatementButton({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [preset, setPreset] = useState<StatementPreset>("thisMonth");
  const [format, setFormat] = useState<StatementFormat>("pdf");
  const [custom, setCustom] = useState<{ from?: string; to?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const today = tashkentDay(new Date());
  const period = preset === "custom" ? custom : presetPeriod(preset);
  const yearAfter = period.from ? addDays(period.from, 364) : undefined;
  const ready = Boolean(period.from && period.to && period.from <= period.to);

  const download = async () => {
    if (!period.from || !period.to) return;
    setBusy(true);
    setError(null);
    try {
      await downloadStatement(cardId, { from: period.from, to: period.to }, format);
      setOpen(false);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : t("errors.unknown"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="secondary" block onClick={() => setOpen(true)} data-testid="statement-open">
        {t("statement.download")}
      </Button>
      <Modal
        open={open}
        title={t("statement.title")}
        onClose={() => setOpen(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button
              onClick={download}
              loading={busy}
              disabled={!ready}
              data-testid="statement-download"
            >
              {t("statement.downloadAction")}
            </Button>
          </>
        }
      >
        <Segmented
          legend={t("statement.period")}
          name="statement-period"
          options={[
            ["thisMonth", t("statement.thisMonth")],
            ["lastMonth", t("statement.lastMonth")],
            ["custom", t("statement.custom")],
          ]}
          value={preset}
          onChange={setPreset}
        />
        {preset === "custom" && (
          <div className="filters">
            <DateField
              label={t("statement.from")}
              value={custom.from}
              max={custom.to ?? today}
              onChange={(from) => setCustom((current) => ({ ...current, from }))}
            />
            <DateField
              label={t("statement.to")}
              value={custom.to}
              min={custom.from}
              max={yearAfter && yearAfter < today ? yearAfter : today}
              align="end"
              onChange={(to) => setCustom((current) => ({ ...current, to }))}
            />
          </div>
        )}
        <Segmented
          legend={t("statement.format")}
          name="statement-format"
          options={[
            ["pdf", "PDF"],
            ["csv", t("statement.csv")],
          ]}
          value={format}
          onChange={setFormat}
        />
        <p className="muted">{t("statement.hint")}</p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </Modal>
    </>
  );
}
