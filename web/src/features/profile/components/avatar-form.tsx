import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { ConfirmDialog } from "../../../components/ui/modal";
import type { User } from "../../../lib/api/client";
import { useDeleteAvatar, useUploadAvatar } from "../api/profile";

/**
 * The profile picture: upload (JPEG/PNG/WebP ≤ 5 MiB; the server judges by the
 * bytes and answers 400/413 with a localized detail, shown as is) and delete.
 */
export function AvatarForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const upload = useUploadAvatar();
  const remove = useDeleteAvatar();
  const [confirming, setConfirming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const initials = user.full_name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join("");

  return (
    <Card title={t("avatar.title")}>
      <div className="avatar-row">
        {user.avatar ? (
          <img
            className="avatar"
            src={user.avatar.photo_url}
            alt={t("avatar.alt", { name: user.full_name })}
            width={72}
            height={72}
            data-testid="avatar-image"
          />
        ) : (
          <span className="avatar avatar-empty" aria-hidden="true">
            {initials}
          </span>
        )}
        <div className="avatar-actions">
          <input
            ref={input}
            id={inputId}
            className="visually-hidden avatar-input"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            disabled={upload.isPending}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) upload.mutate(file);
              event.target.value = "";
            }}
          />
          <label htmlFor={inputId} className="btn btn-secondary btn-sm">
            {user.avatar ? t("avatar.change") : t("avatar.upload")}
          </label>
          {user.avatar && (
            <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
              {t("avatar.delete")}
            </Button>
          )}
        </div>
      </div>
      <p className="muted small">{t("avatar.hint")}</p>
      {upload.isPending && (
        <div className="alert alert-info" role="status">
          {t("avatar.uploading")}
        </div>
      )}
      <InlineError error={upload.error} />
      <ConfirmDialog
        open={confirming}
        title={t("avatar.deleteTitle")}
        text={
          <>
            <p>{t("avatar.deleteText")}</p>
            <InlineError error={remove.error} />
          </>
        }
        confirmLabel={t("avatar.delete")}
        danger
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              upload.reset();
              setConfirming(false);
            },
          })
        }
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
      />
    </Card>
  );
}
