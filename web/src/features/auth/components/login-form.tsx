import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { useLogin } from "../../../lib/auth/auth";
import { phoneSchema } from "../../../lib/validation";
import { PasswordInput } from "./password-input";

// Login checks only the phone's shape; the password rules belong to registration
// (the server answers the same 401 whatever is wrong).
const loginSchema = z.object({
  phone_number: phoneSchema,
  password: z.string().min(1, "validation.required"),
});
type LoginValues = z.infer<typeof loginSchema>;

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { phone_number: "+998", password: "" },
  });
  const message = (key?: string) => (key ? t(key) : undefined);

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit((values) => login.mutate(values, { onSuccess }))}
    >
      <Input
        label={t("auth.phone")}
        type="tel"
        inputMode="tel"
        autoComplete="username"
        placeholder="+998901234567"
        error={message(errors.phone_number?.message)}
        {...register("phone_number")}
      />
      <PasswordInput
        label={t("auth.password")}
        autoComplete="current-password"
        error={message(errors.password?.message)}
        {...register("password")}
      />
      <InlineError error={login.error} />
      <Button type="submit" block loading={login.isPending}>
        {t("auth.login")}
      </Button>
    </form>
  );
}
