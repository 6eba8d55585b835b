import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { PasswordInput } from "../../../components/ui/password-input";
import { PhoneInput } from "../../../components/ui/phone-input";
import { useRegister } from "../../../lib/auth/auth";
import { fullNameSchema, passwordSchema, phoneSchema } from "../../../lib/validation";

const registerSchema = z
  .object({
    full_name: fullNameSchema,
    phone_number: phoneSchema,
    password: passwordSchema,
    confirm_password: z.string(),
  })
  .refine((values) => values.password === values.confirm_password, {
    path: ["confirm_password"],
    message: "validation.passwordMismatch",
  });
type RegisterValues = z.infer<typeof registerSchema>;

/** Creates the account, then logs in with it (the user lands on the dashboard). */
export function RegisterForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const registration = useRegister();
  const {
    register,
    control,
    handleSubmit,
    formState: { errors },
  } = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: { full_name: "", phone_number: "+998", password: "", confirm_password: "" },
  });
  const message = (key?: string) => (key ? t(key) : undefined);

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit(({ confirm_password: _, ...values }) =>
        registration.mutate(values, { onSuccess }),
      )}
    >
      <Input
        label={t("auth.fullName")}
        autoComplete="name"
        error={message(errors.full_name?.message)}
        {...register("full_name")}
      />
      <Controller
        name="phone_number"
        control={control}
        render={({ field }) => (
          <PhoneInput
            label={t("auth.phone")}
            error={message(errors.phone_number?.message)}
            {...field}
          />
        )}
      />
      <PasswordInput
        label={t("auth.password")}
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={message(errors.password?.message)}
        {...register("password")}
      />
      <PasswordInput
        label={t("auth.confirmPassword")}
        autoComplete="new-password"
        error={message(errors.confirm_password?.message)}
        {...register("confirm_password")}
      />
      <InlineError error={registration.error} />
      <Button type="submit" block loading={registration.isPending}>
        {t("auth.register")}
      </Button>
    </form>
  );
}
