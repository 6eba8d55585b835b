import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Card } from "../../../components/ui/card";
import { formatDateTime } from "../../../lib/dates";
import { useAuditLog } from "../api/admin";
import { ListState, Pager } from "./admin-list-parts";

/** The audit log: who did what to which entity, and when. */
export function AdminAudit() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const log = useAuditLog(page);
  return (
    <Card title={t("admin.audit")}>
      <ListState
        query={log}
        items={log.data?.data}
        render={(items) => (
          <ul className="admin-list" aria-busy={log.isFetching || undefined}>
            {items.map((entry) => (
              <li key={entry.id} className="admin-row" data-testid="audit-entry">
                <div className="admin-main">
                  <span className="admin-title mono">{entry.action}</span>
                  <span className="small">
                    {entry.actor.full_name} · {entry.entity_type} {entry.entity_id.slice(0, 8)}
                  </span>
                  <span className="muted small">
                    {formatDateTime(entry.created_at, i18n.language)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={log.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}
