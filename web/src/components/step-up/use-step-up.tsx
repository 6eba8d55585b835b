import { type ReactNode, useCallback, useRef, useState } from "react";
import { isProblem } from "../../lib/api/problem";
import { useUser } from "../../lib/auth/auth";
import { toTiyin } from "../../lib/money";
import type { StepUpPayment } from "./api";
import { StepUpDialog } from "./step-up-dialog";

export type { StepUpPayment };

/**
 * Large payments ask for a fresh confirmation first. `run` sends a money action
 * with a step-up token when the amount is above the person's threshold (from
 * /me); if the server still answers STEP_UP_REQUIRED it asks and sends again,
 * as the same attempt (same Idempotency-Key, which the caller keeps). The token
 * of an attempt is kept for its retries. null: the person cancelled.
 */
export function useStepUp(): {
  run: <T>(
    attemptKey: string,
    payment: StepUpPayment,
    send: (stepUpToken: string | undefined) => Promise<T>,
  ) => Promise<T | null>;
  dialog: ReactNode;
} {
  const user = useUser();
  const threshold = user.data ? toTiyin(user.data.step_up_threshold) : null;
  const tokens = useRef(new Map<string, string>());
  const [asking, setAsking] = useState<{
    payment: StepUpPayment;
    resolve: (token: string | null) => void;
  } | null>(null);

  const ask = useCallback(
    (payment: StepUpPayment) =>
      new Promise<string | null>((resolve) => setAsking({ payment, resolve })),
    [],
  );

  const run = useCallback(
    async <T,>(
      attemptKey: string,
      payment: StepUpPayment,
      send: (stepUpToken: string | undefined) => Promise<T>,
    ): Promise<T | null> => {
      let token = tokens.current.get(attemptKey);
      const amount = toTiyin(payment.amount);
      if (!token && threshold !== null && amount !== null && amount > threshold) {
        token = (await ask(payment)) ?? undefined;
        if (!token) return null;
        tokens.current.set(attemptKey, token);
      }
      for (;;) {
        try {
          return await send(token);
        } catch (error) {
          if (!isProblem(error, "STEP_UP_REQUIRED")) throw error;
          token = (await ask(payment)) ?? undefined;
          if (!token) throw error;
          tokens.current.set(attemptKey, token);
        }
      }
    },
    [ask, threshold],
  );

  const dialog = (
    <StepUpDialog
      payment={asking?.payment ?? null}
      onDone={(token) => {
        asking?.resolve(token);
        setAsking(null);
      }}
    />
  );
  return { run, dialog };
}
