import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { type ReactNode, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Receipt } from "../../../components/receipt";
import { useStepUp } from "../../../components/step-up/use-step-up";
import { AmountInput } from "../../../components/ui/amount-input";
import { Button, ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { CardNumberInput } from "../../../components/ui/card-number-input";
import { EmptyState } from "../../../components/ui/empty-state";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { Money } from "../../../components/ui/money";
import { PhoneInput } from "../../../components/ui/phone-input";
import { Segmented } from "../../../components/ui/segmented";
import { Spinner } from "../../../components/ui/spinner";
import { useCardLookup, usePhoneLookup } from "../../../lib/api/card-lookup";
import type { BankCard, Transaction } from "../../../lib/api/client";
import { isProblem, isRetryableAttempt } from "../../../lib/api/problem";
import {
  displayCardNumber,
  isValidCardNumber,
  maskCardNumber,
  normalizeCardNumber,
} from "../../../lib/card";
import { formatBasisPoints, formatSom } from "../../../lib/money";
import { displayPhone, normalizePhone } from "../../../lib/phone";
import type { RoleTerms } from "../../../lib/terms";
import { amountSchema, cardNumberSchema, phoneSchema } from "../../../lib/validation";
import { type TransferInput, useCreateTransfer } from "../api/transfers";
import { FromCardPicker } from "./from-card-picker";
import { quoteTransfer } from "./transfer-math";

/** How the receiver is addressed: by a card number or by a phone number (their receiving card). */
export type ReceiverKind = "card" | "phone";

/** A receiver another screen hands in (a saved card or phone contact). */
export type PickedReceiver = { card_number: string } | { phone_number: string };

const sendSchema = z
  .object({
    from_card_id: z.string().min(1, "validation.required"),
    receiver_kind: z.enum(["card", "phone"]),
    to_card_number: z.string(),
    to_phone_number: z.string(),
    amount: amountSchema,
    description: z.string().trim().max(255, "validation.description"),
  })
  .superRefine((values, ctx) => {
    // Only the field of the chosen kind is judged; the other keeps what was typed.
    const [field, rule] =
      values.receiver_kind === "card"
        ? (["to_card_number", cardNumberSchema] as const)
        : (["to_phone_number", phoneSchema] as const);
    const checked = rule.safeParse(values[field]);
    if (!checked.success) {
      ctx.addIssue({ code: "custom", path: [field], message: checked.error.issues[0]?.message });
    }
  });
type SendValues = z.infer<typeof sendSchema>;

/** One payment attempt: its payload and the Idempotency-Key every retry of it reuses. */
interface Attempt {
  key: string;
  body: TransferInput;
  /** the masked owner and card; for a payment by phone, the card the lookup saw (the ledger decides) */
  receiver: { card_number: string; owner_name: string };
  fromCard: BankCard;
  commission: string;
  total: string;
}

type Step =
  | { name: "form" }
  | { name: "confirm"; attempt: Attempt }
  | { name: "receipt"; receipt: Transaction };

/**
 * Send money: pick an active card, type the receiver's number (the masked owner
 * name comes from the lookup), see the commission and total live under the
 * sender's served terms, confirm, get the receipt. `receiverPicker` lets the page
 * offer other ways to fill the receiver's number (saved cards) without this
 * feature importing another one.
 */
export function SendMoney({
  cards,
  terms,
  receiverPicker,
  prefill,
  receiver,
}: {
  cards: BankCard[];
  terms: RoleTerms;
  receiverPicker?: (pick: (receiver: PickedReceiver) => void) => ReactNode;
  /** A payment to make again: the form starts filled, and nothing is sent before the confirm. */
  prefill?: TransferPrefill;
  /** A receiver to start with (a saved card or phone contact chosen elsewhere). */
  receiver?: PickedReceiver;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: "form" });
  const activeCards = cards.filter((card) => card.status === "active");
  const [draft, setDraft] = useState<SendValues | undefined>(() =>
    prefill
      ? prefilledValues(prefill, activeCards)
      : receiver
        ? { ...emptyValues(activeCards), ...receiverValues(receiver) }
        : undefined,
  );
  const transfer = useCreateTransfer();
  const stepUp = useStepUp();
  // Set before the request leaves, so a second click in the same instant (before the
  // button re-renders as busy) sends nothing.
  const sending = useRef(false);

  if (activeCards.length === 0 && step.name === "form") {
    return (
      <EmptyState
        title={t("transfer.noActiveCard")}
        text={t("transfer.noActiveCardText")}
        action={<ButtonLink to="/cards">{t("nav.cards")}</ButtonLink>}
      />
    );
  }

  if (step.name === "receipt") {
    return (
      <div className="stack">
        <h2 className="success-title">{t("transfer.sent")}</h2>
        <Receipt transaction={step.receipt} direction="out" />
        <div className="row">
          <Button
            onClick={() => {
              setDraft(undefined);
              transfer.reset();
              setStep({ name: "form" });
            }}
          >
            {t("transfer.another")}
          </Button>
          <ButtonLink to={`/history/${step.receipt.id}`} variant="secondary">
            {t("transfer.openReceipt")}
          </ButtonLink>
        </div>
      </div>
    );
  }

  if (step.name === "confirm") {
    const { attempt } = step;
    const send = async () => {
      if (sending.current) return;
      sending.current = true;
      const { body } = attempt;
      const receiverOf = body.to_phone_number
        ? { to_phone_number: body.to_phone_number }
        : { to_card_number: body.to_card_number ?? "" };
      try {
        // Above the threshold the payment is confirmed first (passkey or password).
        const receipt = await stepUp.run(
          attempt.key,
          { amount: body.amount, ...receiverOf },
          (stepUpToken) => transfer.mutateAsync({ body, idempotencyKey: attempt.key, stepUpToken }),
        );
        if (receipt) setStep({ name: "receipt", receipt });
      } catch {
        // Shown from the mutation's error below.
      } finally {
        sending.current = false;
      }
    };
    const error = transfer.error;
    // A lost or failed response may be retried as the same attempt (same key: the
    // server replays instead of paying twice); a refusal needs the form changed.
    const retryable = isRetryableAttempt(error);
    return (
      <Card title={t("transfer.confirmTitle")}>
        <dl className="facts">
          <div>
            <dt>{t("transfer.from")}</dt>
            <dd className="mono card-number">{maskCardNumber(attempt.fromCard.card_number)}</dd>
          </div>
          {attempt.body.to_phone_number && (
            <div>
              <dt>{t("phonePay.phone")}</dt>
              <dd className="mono nowrap" data-testid="confirm-phone">
                {displayPhone(attempt.body.to_phone_number)}
              </dd>
            </div>
          )}
          <div>
            <dt>{t("transfer.to")}</dt>
            <dd>
              <span className="mono card-number">
                {displayCardNumber(attempt.receiver.card_number)}
              </span>
              <strong data-testid="confirm-owner">{attempt.receiver.owner_name}</strong>
            </dd>
          </div>
          <div>
            <dt>{t("transfer.amount")}</dt>
            <dd>
              <Money value={attempt.body.amount} />
            </dd>
          </div>
          <div>
            <dt>{t("transfer.commission")}</dt>
            <dd>
              <Money value={attempt.commission} />
            </dd>
          </div>
          <div className="facts-total">
            <dt>{t("transfer.total")}</dt>
            <dd>
              <Money value={attempt.total} />
            </dd>
          </div>
          {attempt.body.description && (
            <div>
              <dt>{t("transfer.description")}</dt>
              <dd>{attempt.body.description}</dd>
            </div>
          )}
        </dl>
        {isProblem(error, "RECEIVER_CARD_NOT_FOUND") ||
        isProblem(error, "RECEIVER_PHONE_NOT_FOUND") ? (
          <div className="alert alert-error" role="alert">
            {receiverProblemText(error, t)}
          </div>
        ) : (
          <InlineError error={error} />
        )}
        <div className="row">
          <Button
            variant="ghost"
            disabled={transfer.isPending}
            onClick={() => {
              transfer.reset();
              setStep({ name: "form" });
            }}
          >
            {t("transfer.edit")}
          </Button>
          {(error === null || retryable) && (
            <Button loading={transfer.isPending} onClick={() => void send()}>
              {retryable ? t("common.retry") : t("transfer.send")}
            </Button>
          )}
        </div>
        {stepUp.dialog}
      </Card>
    );
  }

  return (
    <TransferForm
      cards={activeCards}
      ownCards={cards}
      terms={terms}
      receiverPicker={receiverPicker}
      defaultValues={draft}
      onContinue={(values, attempt) => {
        setDraft(values);
        transfer.reset();
        setStep({ name: "confirm", attempt });
      }}
    />
  );
}

export interface TransferPrefill {
  from_card_id: string;
  /** one of the two: a payment by phone is repeated to the phone */
  to_card_number: string | null;
  to_phone_number?: string | null;
  amount: string;
  description: string | null;
}

function emptyValues(activeCards: BankCard[]): SendValues {
  return {
    from_card_id: activeCards[0]?.id ?? "",
    receiver_kind: "card",
    to_card_number: "",
    to_phone_number: "+998",
    amount: "",
    description: "",
  };
}

function receiverValues(
  receiver: PickedReceiver,
):
  | { receiver_kind: "phone"; to_phone_number: string }
  | { receiver_kind: "card"; to_card_number: string } {
  return "phone_number" in receiver
    ? { receiver_kind: "phone", to_phone_number: receiver.phone_number }
    : {
        receiver_kind: "card",
        to_card_number: normalizeCardNumber(receiver.card_number) ?? receiver.card_number,
      };
}

/** The form's values for a repeated payment: the same card if it can still pay, else the first active one. */
function prefilledValues(prefill: TransferPrefill, activeCards: BankCard[]): SendValues {
  const fromCard = activeCards.find((card) => card.id === prefill.from_card_id) ?? activeCards[0];
  return {
    ...emptyValues(activeCards),
    ...receiverValues(
      prefill.to_phone_number
        ? { phone_number: prefill.to_phone_number }
        : { card_number: prefill.to_card_number ?? "" },
    ),
    from_card_id: fromCard?.id ?? "",
    amount: prefill.amount,
    description: prefill.description ?? "",
  };
}

function TransferForm({
  cards,
  ownCards,
  terms,
  receiverPicker,
  defaultValues,
  onContinue,
}: {
  cards: BankCard[];
  /** All of the user's cards, active or not: a number of their own is named with its state. */
  ownCards: BankCard[];
  terms: RoleTerms;
  receiverPicker?: (pick: (receiver: PickedReceiver) => void) => ReactNode;
  defaultValues?: SendValues;
  onContinue: (values: SendValues, attempt: Attempt) => void;
}) {
  const { t, i18n } = useTranslation();
  const {
    register,
    control,
    handleSubmit,
    watch,
    setValue,
    formState: { errors, isSubmitted },
  } = useForm<SendValues>({
    resolver: zodResolver(sendSchema),
    defaultValues: defaultValues ?? emptyValues(cards),
  });
  const message = (key?: string) => (key ? t(key) : undefined);

  const fromCard = cards.find((card) => card.id === watch("from_card_id"));
  const kind = watch("receiver_kind");
  const typed = normalizeCardNumber(watch("to_card_number"));
  const receiverNumber = kind === "card" && typed && isValidCardNumber(typed) ? typed : null;
  const receiverPhone = kind === "phone" ? normalizePhone(watch("to_phone_number")) : null;
  const sameCard = receiverNumber !== null && receiverNumber === fromCard?.card_number;
  // One's own card that cannot receive is known here: no lookup is asked for it.
  const ownInactive = ownCards.find(
    (card) => card.card_number === receiverNumber && card.status !== "active",
  );
  const cardLookup = useCardLookup(sameCard || ownInactive ? null : receiverNumber);
  const phoneLookup = usePhoneLookup(receiverPhone);
  const lookup = kind === "card" ? cardLookup : phoneLookup;
  const addressed = kind === "card" ? receiverNumber !== null : receiverPhone !== null;
  const quote = quoteTransfer(watch("amount"), terms, fromCard?.balance);

  const submit = handleSubmit((values) => {
    if (!fromCard || !quote || quote.problem || sameCard || !lookup.data) return;
    const description = values.description.trim();
    onContinue(values, {
      key: crypto.randomUUID(),
      body: {
        from_card_id: fromCard.id,
        ...(kind === "card"
          ? { to_card_number: receiverNumber as string }
          : { to_phone_number: receiverPhone as string }),
        amount: quote.amount,
        ...(description ? { description } : {}),
      },
      receiver: lookup.data,
      fromCard,
      commission: quote.commission,
      total: quote.total,
    });
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FromCardPicker
        label={t("transfer.from")}
        cards={cards}
        error={message(errors.from_card_id?.message)}
        field={register("from_card_id")}
      />

      {receiverPicker?.((picked) => {
        const values = receiverValues(picked);
        const options = { shouldValidate: isSubmitted, shouldDirty: true };
        setValue("receiver_kind", values.receiver_kind);
        if (values.receiver_kind === "phone") {
          setValue("to_phone_number", values.to_phone_number, options);
        } else {
          setValue("to_card_number", values.to_card_number, options);
        }
      })}

      <Controller
        name="receiver_kind"
        control={control}
        render={({ field }) => (
          <Segmented
            legend={t("phonePay.receiverKind")}
            name="receiver-kind"
            options={[
              ["card", t("phonePay.byCard")],
              ["phone", t("phonePay.byPhone")],
            ]}
            value={field.value}
            onChange={field.onChange}
          />
        )}
      />

      <div>
        {kind === "card" ? (
          <Controller
            name="to_card_number"
            control={control}
            render={({ field }) => (
              <CardNumberInput
                label={t("transfer.toNumber")}
                error={
                  message(errors.to_card_number?.message) ??
                  (sameCard ? t("transfer.sameCard") : undefined)
                }
                {...field}
              />
            )}
          />
        ) : (
          <Controller
            name="to_phone_number"
            control={control}
            render={({ field }) => (
              <PhoneInput
                label={t("phonePay.toPhone")}
                error={message(errors.to_phone_number?.message)}
                {...field}
              />
            )}
          />
        )}
        <div className="lookup" aria-live="polite" data-testid="lookup">
          {addressed && !sameCard && lookup.isFetching && <Spinner size="sm" />}
          {lookup.data && !sameCard && (
            <span className="lookup-owner">
              {t("transfer.receiver")}: <strong>{lookup.data.owner_name}</strong>
              {kind === "phone" && (
                <>
                  {" "}
                  <span className="mono card-number" data-testid="lookup-card">
                    {displayCardNumber(lookup.data.card_number)}
                  </span>
                </>
              )}
            </span>
          )}
          {ownInactive && !sameCard ? (
            <span className="field-error">
              {t("transfer.ownCardCannotReceive", {
                number: maskCardNumber(ownInactive.card_number),
              })}
            </span>
          ) : (
            lookup.isError &&
            !sameCard && <span className="field-error">{receiverProblemText(lookup.error, t)}</span>
          )}
        </div>
      </div>

      <Controller
        name="amount"
        control={control}
        render={({ field }) => (
          <AmountInput
            label={t("transfer.amount")}
            hint={t("transfer.limits", {
              min: formatSom(terms.min_amount, t("currency")),
              max: formatSom(terms.max_amount, t("currency")),
            })}
            error={
              message(errors.amount?.message) ?? (quote?.problem ? t(quote.problem) : undefined)
            }
            {...field}
          />
        )}
      />

      <Input
        label={t("transfer.description")}
        maxLength={255}
        autoComplete="off"
        error={message(errors.description?.message)}
        {...register("description")}
      />

      <dl className="quote" aria-live="polite" data-testid="quote">
        <div>
          <dt>{t("transfer.commission")}</dt>
          <dd>
            <Money value={quote?.commission ?? "0.00"} />
            <span className="muted small">
              {" "}
              ({formatBasisPoints(terms.commission_bp, i18n.language)})
            </span>
          </dd>
        </div>
        <div className="quote-total">
          <dt>{t("transfer.total")}</dt>
          <dd>
            <Money value={quote?.total ?? "0.00"} />
          </dd>
        </div>
      </dl>

      <Button
        type="submit"
        block
        disabled={sameCard || Boolean(quote?.problem) || (addressed && !lookup.data)}
      >
        {t("transfer.continue")}
      </Button>
    </form>
  );
}

/**
 * Why the typed receiver cannot be paid. For someone else's number the API gives
 * one answer whether the card does not exist or cannot receive (frozen, blocked,
 * closed, expired), so nobody learns the state of another person's card; the
 * text says both. (One's own inactive card is named before any lookup.)
 */
function receiverProblemText(error: unknown, t: TFunction): string {
  // The same for an unknown phone, a hidden one and one with no active card.
  if (isProblem(error, "RECEIVER_PHONE_NOT_FOUND")) return t("phonePay.phoneUnavailable");
  if (!isProblem(error, "RECEIVER_CARD_NOT_FOUND")) {
    return isProblem(error) ? error.detail : t("errors.unknown");
  }
  return t("transfer.receiverUnavailable");
}
