import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AmountInput } from "../../../components/ui/amount-input";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { ConfirmDialog, Modal } from "../../../components/ui/modal";
import { Spinner } from "../../../components/ui/spinner";
import type { User } from "../../../lib/api/client";
import { formatDateTime } from "../../../lib/dates";
import { formatSom, parseAmountInput } from "../../../lib/money";
import {
  type Passkey,
  useAddPasskey,
  useDeletePasskey,
  usePasskeys,
  useRenamePasskey,
  useSetStepUpThreshold,
} from "../api/passkeys";

/**
 * Passkeys: log in without the password and confirm large payments. Add one on
 * this device (named), rename or delete any; and the amount above which a
 * payment asks for a confirmation.
 */
export function PasskeysSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const passkeys = usePasskeys();
  const add = useAddPasskey();
  const rename = useRenamePasskey();
  const remove = useDeletePasskey();
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ passkey: Passkey; name: string } | null>(null);
  const [deleting, setDeleting] = useState<Passkey | null>(null);
  // The person closing the browser's prompt is no error to show.
  const addError =
    add.error instanceof Error && add.error.name === "NotAllowedError" ? null : add.error;

  return (
    <Card title={t("passkeys.title")} data-testid="passkeys">
      <p className="muted small">{t("passkeys.note")}</p>
      {passkeys.isPending ? (
        <Spinner />
      ) : passkeys.isError ? (
        <ErrorState error={passkeys.error} onRetry={() => void passkeys.refetch()} />
      ) : passkeys.data.length === 0 ? (
        <p className="muted">{t("passkeys.none")}</p>
      ) : (
        <ul className="device-list">
          {passkeys.data.map((passkey) => (
            <li key={passkey.id} className="device-row" data-testid="passkey-row">
              <div>
                <strong>{passkey.name}</strong>
                <div className="muted small">
                  {passkey.last_used_at
                    ? t("passkeys.lastUsed", {
                        time: formatDateTime(passkey.last_used_at, i18n.language),
                      })
                    : t("passkeys.added", {
                        time: formatDateTime(passkey.created_at, i18n.language),
                      })}
                </div>
              </div>
              <div className="row">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setRenaming({ passkey, name: passkey.name })}
                >
                  {t("passkeys.rename")}
                </Button>
                <Button variant="danger" size="sm" onClick={() => setDeleting(passkey)}>
                  {t("passkeys.delete")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) return;
          add.mutate(trimmed, { onSuccess: () => setName("") });
        }}
      >
        <Input
          label={t("passkeys.name")}
          maxLength={50}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <InlineError error={addError} />
        <Button type="submit" loading={add.isPending} disabled={!name.trim()}>
          {t("passkeys.add")}
        </Button>
      </form>
      <InlineError error={rename.error ?? remove.error} />
      <ThresholdForm user={user} />
      <Modal
        open={renaming !== null}
        title={t("passkeys.renameTitle")}
        onClose={() => setRenaming(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setRenaming(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              loading={rename.isPending}
              disabled={!renaming?.name.trim()}
              onClick={() => {
                if (!renaming) return;
                rename.mutate(
                  { id: renaming.passkey.id, name: renaming.name.trim() },
                  { onSettled: () => setRenaming(null) },
                );
              }}
            >
              {t("common.save")}
            </Button>
          </>
        }
      >
        <Input
          label={t("passkeys.name")}
          maxLength={50}
          value={renaming?.name ?? ""}
          onChange={(event) =>
            setRenaming((current) => current && { ...current, name: event.target.value })
          }
        />
      </Modal>
      <ConfirmDialog
        open={deleting !== null}
        title={t("passkeys.deleteTitle")}
        text={deleting ? t("passkeys.deleteText", { name: deleting.name }) : ""}
        confirmLabel={t("passkeys.delete")}
        danger
        loading={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, { onSettled: () => setDeleting(null) });
        }}
        onCancel={() => setDeleting(null)}
      />
    </Card>
  );
}

function ThresholdForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useSetStepUpThreshold();
  const [typed, setTyped] = useState("");
  const amount = parseAmountInput(typed);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (amount) update.mutate(amount, { onSuccess: () => setTyped("") });
      }}
    >
      <p className="small" data-testid="step-up-threshold">
        {t("passkeys.threshold", { amount: formatSom(user.step_up_threshold, t("currency")) })}
      </p>
      <AmountInput
        label={t("passkeys.thresholdLabel")}
        value={typed}
        onChange={(value: string) => setTyped(value)}
      />
      <InlineError error={update.error} />
      <Button type="submit" variant="secondary" loading={update.isPending} disabled={!amount}>
        {t("common.save")}
      </Button>
    </form>
  );
}
