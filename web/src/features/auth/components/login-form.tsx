import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import { PasswordInput } from "../../../components/ui/password-input";
import { PhoneInput } from "../../../components/ui/phone-input";
import { isProblem } from "../../../lib/api/problem";
import { useLogin } from "../../../lib/auth/auth";
import { phoneSchema } from "../../../lib/validation";
import { retryMessage } from "./retry-wait";

// Login checks only the phone's shape; the password rules belong to registration
// (the server answers the same 401 whatever is wrong).
const loginSchema = z.object({
  phone_number: phoneSchema,
  password: z.string().min(1, "validation.required"),
});
type LoginValues = z.infer<typeof loginSchema>;

/** Seconds left until `deadline` (ms), re-rendering every second while there are any. */
function useSecondsUntil(deadline: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= deadline) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const {
    register,
    control,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { phone_number: "+998", password: "" },
  });
  const message = (key?: string) => (key ? t(key) : undefined);
  // A refused login (429) says when the server takes the next one, counting down.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const secondsLeft = useSecondsUntil(retryAt);
  const limited = secondsLeft > 0;
  const wait = limited ? retryMessage(secondsLeft) : null;

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit((values) =>
        login.mutate(values, {
          onSuccess,
          onError: (error) => {
            const seconds = isProblem(error, "RATE_LIMITED") ? error.retryAfterSeconds : null;
            setRetryAt(seconds === null ? null : Date.now() + seconds * 1000);
          },
        }),
      )}
    >
      <Controller
        name="phone_number"
        control={control}
        render={({ field }) => (
          <PhoneInput
            label={t("auth.phone")}
            autoComplete="username"
            error={message(errors.phone_number?.message)}
            {...field}
          />
        )}
      />
      <PasswordInput
        label={t("auth.password")}
        autoComplete="current-password"
        error={message(errors.password?.message)}
        {...register("password")}
      />
      {wait ? (
        <div className="alert alert-error" role="alert" data-testid="login-retry">
          {t(wait.key, { count: wait.count })}
        </div>
      ) : (
        !(isProblem(login.error, "RATE_LIMITED") && retryAt !== null) && (
          <InlineError error={login.error} />
        )
      )}
      <Button type="submit" block loading={login.isPending} disabled={limited}>
        {t("auth.login")}
      </Button>
    </form>
  );
}
