import { startAuthentication } from "@simplewebauthn/browser";
import { api, unwrap } from "../../lib/api/client";

/** What a step-up confirms: the amount the payment transfers and its one receiver. */
export type StepUpPayment = { amount: string } & (
  | { to_card_number: string }
  | { to_phone_number: string }
  | { payment_request_id: string }
);

export const askStepUp = (payment: StepUpPayment) =>
  unwrap(api.POST("/api/auth/step-up/options", { body: payment }));

export type StepUpChallenge = Awaited<ReturnType<typeof askStepUp>>;

/** Answers a challenge: with a passkey (the browser asks for it), or the password. */
export async function answerStepUp(
  challenge: StepUpChallenge,
  password: string | null,
): Promise<string> {
  const body =
    challenge.method === "passkey" && challenge.options
      ? {
          challenge_id: challenge.challenge_id,
          response: await startAuthentication({ optionsJSON: challenge.options as never }),
        }
      : { challenge_id: challenge.challenge_id, password: password ?? "" };
  const answer = await unwrap(api.POST("/api/auth/step-up", { body: body as never }));
  return answer.step_up_token;
}
