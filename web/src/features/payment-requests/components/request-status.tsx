import { useTranslation } from "react-i18next";
import type { RequestStatus } from "../api/payment-requests";

/** A request's state as a badge: open, paid, cancelled or expired. */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge request-status request-status-${status}`} data-testid="request-status">
      {t(`paymentRequests.status_${status}`)}
    </span>
  );
}
