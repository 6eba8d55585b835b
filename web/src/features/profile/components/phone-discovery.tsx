import { useTranslation } from "react-i18next";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import type { User } from "../../../lib/api/client";
import { useSetDiscoverable } from "../api/profile";

/**
 * Whether others can pay the user by phone number. Off, their number answers a
 * lookup or a payment exactly like a number nobody has.
 */
export function PhoneDiscovery({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useSetDiscoverable();
  // While the change is on its way, the switch shows where it is going.
  const on = update.isPending
    ? (update.variables ?? user.discoverable_by_phone)
    : user.discoverable_by_phone;
  return (
    <Card title={t("phonePay.discoverableTitle")}>
      <label className="switch-row">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          disabled={update.isPending}
          onChange={(event) => update.mutate(event.target.checked)}
          data-testid="discoverable-switch"
        />
        <span>{t("phonePay.discoverableLabel")}</span>
      </label>
      <p className="muted small" aria-live="polite">
        {on ? t("phonePay.discoverableOn") : t("phonePay.discoverableOff")}
      </p>
      <InlineError error={update.error} />
    </Card>
  );
}
