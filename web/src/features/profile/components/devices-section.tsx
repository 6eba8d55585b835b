import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { ConfirmDialog } from "../../../components/ui/modal";
import { Spinner } from "../../../components/ui/spinner";
import { isProblem } from "../../../lib/api/problem";
import { formatDateTime } from "../../../lib/dates";
import {
  type DeviceSession,
  useEndOtherSessions,
  useEndSession,
  useSessions,
} from "../api/sessions";
import { lastUsed } from "./last-used";

/**
 * The devices logged in to this account: this one marked, each other one with
 * "log out this device", and "log out all other devices". A device logged out here
 * is sent to the login page at its next request (its refresh is refused).
 */
export function DevicesSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const [target, setTarget] = useState<DeviceSession | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const others = sessions.data?.filter((session) => !session.current) ?? [];
  const deviceName = (session: DeviceSession) => session.device ?? t("devices.unknown");
  // Already gone (ended elsewhere, expired) is what the user asked for.
  const endOneError = isProblem(endOne.error, "SESSION_NOT_FOUND") ? null : endOne.error;

  return (
    <Card title={t("devices.title")} data-testid="devices">
      <p className="muted small">{t("devices.note")}</p>
      {sessions.isPending ? (
        <Spinner />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <ul className="device-list">
          {sessions.data.map((session) => (
            <DeviceRow
              key={session.id}
              session={session}
              name={deviceName(session)}
              onEnd={() => setTarget(session)}
            />
          ))}
        </ul>
      )}
      <InlineError error={endOneError ?? endOthers.error} />
      {others.length > 0 && (
        <div className="row">
          <Button variant="danger" size="sm" onClick={() => setConfirmAll(true)}>
            {t("devices.endOthers")}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={target !== null}
        title={t("devices.endOneTitle")}
        text={target ? t("devices.endOneText", { device: deviceName(target) }) : ""}
        confirmLabel={t("devices.endOne")}
        danger
        loading={endOne.isPending}
        onConfirm={() => {
          if (!target) return;
          endOne.mutate(target.id, { onSettled: () => setTarget(null) });
        }}
        onCancel={() => setTarget(null)}
      />
      <ConfirmDialog
        open={confirmAll}
        title={t("devices.endOthersTitle")}
        text={t("devices.endOthersText", { count: others.length })}
        confirmLabel={t("devices.endOthers")}
        danger
        loading={endOthers.isPending}
        onConfirm={() => endOthers.mutate(undefined, { onSettled: () => setConfirmAll(false) })}
        onCancel={() => setConfirmAll(false)}
      />
    </Card>
  );
}

function DeviceRow({
  session,
  name,
  onEnd,
}: {
  session: DeviceSession;
  name: string;
  onEnd: () => void;
}) {
  const { t, i18n } = useTranslation();
  const nameId = useId();
  const used = session.last_used_at ? lastUsed(session.last_used_at) : null;
  const usedText =
    used === null
      ? null
      : "date" in used
        ? t("devices.lastUsedOn", { date: formatDateTime(used.date, i18n.language) })
        : "count" in used
          ? t(used.key, { count: used.count })
          : t(used.key);
  return (
    <li className="device-row" data-testid="device-row" data-current={session.current || undefined}>
      <div className="device-info">
        <p className="device-name">
          <span id={nameId}>{name}</span>
          {session.current && <span className="badge badge-current">{t("devices.current")}</span>}
        </p>
        <p className="muted small">
          {[
            session.address,
            session.created_at &&
              t("devices.signedIn", { date: formatDateTime(session.created_at, i18n.language) }),
            usedText,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      {!session.current && (
        <Button variant="secondary" size="sm" aria-describedby={nameId} onClick={onEnd}>
          {t("devices.endOne")}
        </Button>
      )}
    </li>
  );
}
