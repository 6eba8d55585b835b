import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { InlineError } from "../../../components/ui/error-state";
import { usePasskeyLogin } from "../../../lib/auth/auth";

/** "Log in with a passkey": the browser offers this site's passkeys; no phone number needed. */
export function PasskeyLogin({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const login = usePasskeyLogin();
  // The person closing the browser's prompt is no error to show.
  const error =
    login.error instanceof Error && login.error.name === "NotAllowedError" ? null : login.error;
  return (
    <div className="stack" data-testid="passkey-login">
      <Button
        variant="secondary"
        block
        loading={login.isPending}
        onClick={() => login.mutate(undefined, { onSuccess })}
      >
        {t("passkeys.login")}
      </Button>
      <InlineError error={error} />
    </div>
  );
}
