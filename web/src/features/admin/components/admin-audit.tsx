import { useTranslation } from "react-i18next";
import { Card } from "../../../components/ui/card";
import { DateField } from "../../../components/ui/date-field";
import { Select } from "../../../components/ui/input";
import { Money } from "../../../components/ui/money";
import { formatDateTime } from "../../../lib/dates";
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditFilters,
  useAdmins,
  useAuditLog,
} from "../api/admin";
import { ListState, Pager, usePagedFilters } from "./admin-list-parts";
import { ACTION_KEY, describeAuditEntry, shortCard } from "./audit-text";

/** The audit log: who did what to which card or person, for how much, and when (Tashkent time). */
export function AdminAudit() {
  const { t, i18n } = useTranslation();
  const { filters, page, setPage, bind } = usePagedFilters({
    actor: "",
    action: "",
    from: "",
    to: "",
  });
  const badRange = filters.from !== "" && filters.to !== "" && filters.from > filters.to;
  const query: AuditFilters = {
    ...(filters.actor ? { actor_id: filters.actor } : {}),
    ...(filters.action ? { action: filters.action as AuditAction } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to && !badRange ? { to: filters.to } : {}),
  };
  const log = useAuditLog(query, page);
  const admins = useAdmins();

  return (
    <Card title={t("admin.audit")}>
      <search className="filters-grid admin-audit-filters">
        <Select label={t("admin.auditActor")} {...bind("actor")}>
          <option value="">{t("history.all")}</option>
          {admins.data?.data.map((admin) => (
            <option key={admin.id} value={admin.id}>
              {admin.full_name}
            </option>
          ))}
        </Select>
        <Select label={t("admin.auditActionLabel")} {...bind("action")}>
          <option value="">{t("history.all")}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`admin.auditAction.${ACTION_KEY[action]}`)}
            </option>
          ))}
        </Select>
        <DateField
          label={t("history.from")}
          value={filters.from || undefined}
          max={filters.to || undefined}
          onChange={(day) => bind("from").onChange({ target: { value: day ?? "" } })}
        />
        <DateField
          label={t("history.to")}
          value={filters.to || undefined}
          min={filters.from || undefined}
          align="end"
          error={badRange ? t("admin.auditBadRange") : undefined}
          onChange={(day) => bind("to").onChange({ target: { value: day ?? "" } })}
        />
      </search>
      <ListState
        query={log}
        items={log.data?.data}
        render={(items) => (
          <ul className="admin-list" aria-busy={log.isFetching || undefined}>
            {items.map((entry) => (
              <li key={entry.id} className="admin-row" data-testid="audit-entry">
                <div className="admin-main">
                  <span className="admin-title">{describeAuditEntry(entry, t)}</span>
                  {entry.action === "deposit" && (
                    <span className="small">
                      {t("admin.depositFrom")}:{" "}
                      {entry.source_card
                        ? shortCard(entry.source_card.card_number)
                        : t("admin.treasury")}
                    </span>
                  )}
                  <time className="muted small" dateTime={entry.created_at}>
                    {formatDateTime(entry.created_at, i18n.language)}
                  </time>
                </div>
                {entry.amount && (
                  <div className="admin-amount">
                    <Money value={entry.amount} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={log.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}
