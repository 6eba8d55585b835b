import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatSom } from "../../lib/money";
import { Button } from "../ui/button";
import { InlineError } from "../ui/error-state";
import { Modal } from "../ui/modal";
import { PasswordInput } from "../ui/password-input";
import { Spinner } from "../ui/spinner";
import { answerStepUp, askStepUp, type StepUpChallenge, type StepUpPayment } from "./api";

/**
 * Asks the person to confirm one payment: with their passkey, or their password
 * if they have none. Each try answers a fresh challenge (a challenge answers once).
 */
export function StepUpDialog({
  payment,
  onDone,
}: {
  payment: StepUpPayment | null;
  onDone: (token: string | null) => void;
}) {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<StepUpChallenge | null>(null);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setChallenge(null);
    setPassword("");
    setError(null);
    if (!payment) return;
    let current = true;
    askStepUp(payment).then(
      (next) => current && setChallenge(next),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [payment]);

  const confirm = async () => {
    if (!payment || !challenge || busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await answerStepUp(challenge, password));
    } catch (failure) {
      setError(failure);
      // The challenge is spent (or was never answered): the next try gets a new one.
      setChallenge(await askStepUp(payment).catch(() => null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={payment !== null}
      title={t("stepUp.title")}
      onClose={() => onDone(null)}
      footer={
        <>
          <Button variant="ghost" onClick={() => onDone(null)} disabled={busy}>
            {t("common.cancel")}
          </Button>
          <Button
            onClick={() => void confirm()}
            loading={busy}
            disabled={!challenge}
            data-testid="step-up-confirm"
          >
            {challenge?.method === "password" ? t("stepUp.withPassword") : t("stepUp.withPasskey")}
          </Button>
        </>
      }
    >
      <div data-testid="step-up">
        <p>
          {t("stepUp.text", { amount: payment ? formatSom(payment.amount, t("currency")) : "" })}
        </p>
        {/* The dialog stays in the page while closed: only an open one is waiting. */}
        {payment && !challenge && !error && <Spinner />}
        {challenge?.method === "password" && (
          <PasswordInput
            label={t("auth.password")}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") void confirm();
            }}
          />
        )}
        {challenge?.method === "passkey" && (
          <p className="muted small">{t("stepUp.passkeyHint")}</p>
        )}
        <InlineError error={error} />
      </div>
    </Modal>
  );
}
