import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { PasswordInput } from "../../../components/ui/password-input";
import { isProblem } from "../../../lib/api/problem";
import { passwordSchema } from "../../../lib/validation";
import { useChangePassword } from "../api/profile";

const passwordChangeSchema = z
  .object({
    old_password: z.string().min(1, "validation.required"),
    new_password: passwordSchema,
    confirm_password: z.string(),
  })
  .refine((values) => values.new_password === values.confirm_password, {
    path: ["confirm_password"],
    message: "validation.passwordMismatch",
  });

export function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<z.infer<typeof passwordChangeSchema>>({
    resolver: zodResolver(passwordChangeSchema),
    defaultValues: { old_password: "", new_password: "", confirm_password: "" },
  });
  const message = (key?: string) => (key ? t(key) : undefined);
  // The server's WRONG_PASSWORD here is about the current password: said next to that field.
  const wrongCurrent = isProblem(change.error, "WRONG_PASSWORD");
  return (
    <Card title={t("profile.password")}>
      <p className="muted small">{t("profile.passwordNote")}</p>
      <form
        className="form"
        noValidate
        onSubmit={handleSubmit((values) =>
          change.mutate(values, {
            onError: (error) => {
              if (!isProblem(error, "WRONG_PASSWORD")) return;
              setError("old_password", { message: "profile.wrongCurrentPassword" });
              setFocus("old_password");
            },
          }),
        )}
      >
        <PasswordInput
          label={t("profile.oldPassword")}
          autoComplete="current-password"
          error={message(errors.old_password?.message)}
          {...register("old_password")}
        />
        <PasswordInput
          label={t("profile.newPassword")}
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          error={message(errors.new_password?.message)}
          {...register("new_password")}
        />
        <PasswordInput
          label={t("auth.confirmPassword")}
          autoComplete="new-password"
          error={message(errors.confirm_password?.message)}
          {...register("confirm_password")}
        />
        {!wrongCurrent && <InlineError error={change.error} />}
        <Button type="submit" variant="secondary" loading={change.isPending}>
          {t("profile.changePassword")}
        </Button>
      </form>
    </Card>
  );
}
