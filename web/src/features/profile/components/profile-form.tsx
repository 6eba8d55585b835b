import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import type { User } from "../../../lib/api/client";
import { fullNameSchema } from "../../../lib/validation";
import { useUpdateProfile } from "../api/profile";

const profileSchema = z.object({ full_name: fullNameSchema });

/** Name change (the avatar has its own card, AvatarForm). */
export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const {
    register,
    handleSubmit,
    formState: { errors, isDirty },
    reset,
  } = useForm<z.infer<typeof profileSchema>>({
    resolver: zodResolver(profileSchema),
    values: { full_name: user.full_name },
  });
  return (
    <Card title={t("profile.details")}>
      <dl className="facts">
        <div>
          <dt>{t("auth.phone")}</dt>
          <dd>{user.phone_number}</dd>
        </div>
        <div>
          <dt>{t("profile.role")}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </div>
      </dl>
      <form
        className="form"
        noValidate
        onSubmit={handleSubmit((values) =>
          update.mutate(values, { onSuccess: (saved) => reset({ full_name: saved.full_name }) }),
        )}
      >
        <Input
          label={t("auth.fullName")}
          autoComplete="name"
          error={errors.full_name?.message ? t(errors.full_name.message) : undefined}
          {...register("full_name")}
        />
        <InlineError error={update.error} />
        {update.isSuccess && !isDirty && (
          <div className="alert alert-success" role="status">
            {t("profile.saved")}
          </div>
        )}
        <Button type="submit" loading={update.isPending} disabled={!isDirty}>
          {t("common.save")}
        </Button>
      </form>
    </Card>
  );
}
