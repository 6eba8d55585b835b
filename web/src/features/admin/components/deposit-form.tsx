import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Receipt } from "../../../components/receipt";
import { AmountInput } from "../../../components/ui/amount-input";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { CardNumberInput } from "../../../components/ui/card-number-input";
import { InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import { ConfirmDialog } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { useCardLookup } from "../../../lib/api/card-lookup";
import type { BankCard, Transaction } from "../../../lib/api/client";
import { isProblem } from "../../../lib/api/problem";
import { isValidCardNumber, maskCardNumber, normalizeCardNumber } from "../../../lib/card";
import { formatSom, parseAmountInput, toTiyin } from "../../../lib/money";
import { useTerms } from "../../../lib/terms";
import { amountSchema, cardNumberSchema } from "../../../lib/validation";
import {
  type CashIn,
  type DepositInput,
  isPendingCashIn,
  useApprovalThreshold,
  useDeposit,
  useOwnCards,
  usePlatformCard,
} from "../api/admin";
import { PendingCashInResult } from "./pending-cash-in-result";

/** The source select's value for the treasury (any other value is one of the admin's cards). */
const TREASURY = "treasury";

const depositSchema = z.object({
  source: z.string().min(1, "validation.required"),
  to_card_number: cardNumberSchema,
  amount: amountSchema,
  description: z.string().trim().max(255, "validation.description"),
});
type DepositValues = z.infer<typeof depositSchema>;

/** One cash-in attempt: its payload, who receives it, and the key every retry of it reuses. */
interface Attempt {
  key: string;
  body: DepositInput;
  receiver: { card_number: string; owner_name: string };
  source: BankCard | null;
  /** More than the approval threshold: it will wait for a second admin. */
  needsApproval: boolean;
}

/**
 * Cash-in: money enters a card from the treasury, or from one of the admin's own
 * active cards. The receiver's masked name comes from the same lookup the send
 * screen uses; nothing is sent before the confirm that names the amount, the
 * receiver and the source. The platform card is refused here: it holds the
 * platform's income, and the API refuses it too. More than the approval
 * threshold is sent for a second admin's approval: the form says so before
 * the confirm, and the answer is the pending cash-in instead of a receipt.
 */
export function DepositForm() {
  const { t } = useTranslation();
  const deposit = useDeposit();
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [receipt, setReceipt] = useState<Transaction | null>(null);
  const [awaiting, setAwaiting] = useState<CashIn | null>(null);
  // A second click lands before React re-renders the pending button: one send per attempt.
  const sending = useRef(false);
  // The last attempt whose answer never came: the server may have credited it, so the
  // same cash-in confirmed again (even after cancelling) goes with its key and replays.
  const unanswered = useRef<Attempt | null>(null);

  const send = (current: Attempt) => {
    if (sending.current) return;
    sending.current = true;
    deposit.mutate(
      { body: current.body, idempotencyKey: current.key },
      {
        onSuccess: (result) => {
          unanswered.current = null;
          setAttempt(null);
          if (isPendingCashIn(result)) setAwaiting(result);
          else setReceipt(result);
        },
        onError: (error) => {
          // A refusal needs the form changed: this attempt is over. A lost or failed
          // answer keeps the attempt (and its key) so a retry replays, never pays twice.
          if (isProblem(error) && !error.transient) {
            unanswered.current = null;
            setAttempt(null);
          } else {
            unanswered.current = current;
          }
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  };

  if (awaiting) {
    return (
      <Card title={t("admin.deposit")}>
        <PendingCashInResult
          cashIn={awaiting}
          onAnother={() => {
            deposit.reset();
            setAwaiting(null);
          }}
        />
      </Card>
    );
  }

  if (receipt) {
    return (
      <Card title={t("admin.deposit")}>
        <div className="stack">
          <h2 className="success-title">{t("admin.depositDone")}</h2>
          <Receipt transaction={receipt} direction="self" />
          <Button
            onClick={() => {
              deposit.reset();
              setReceipt(null);
            }}
          >
            {t("admin.depositAnother")}
          </Button>
        </div>
      </Card>
    );
  }

  const retrying = attempt !== null && deposit.error !== null;
  return (
    <Card title={t("admin.deposit")}>
      <DepositFields
        error={attempt ? null : deposit.error}
        onContinue={(next) => {
          deposit.reset();
          const pending = unanswered.current;
          const same = pending && JSON.stringify(pending.body) === JSON.stringify(next.body);
          setAttempt(same ? { ...next, key: pending.key } : next);
        }}
      />
      {attempt && (
        <ConfirmDialog
          open
          title={
            attempt.needsApproval ? t("admin.cashIns.confirmTitle") : t("admin.depositConfirmTitle")
          }
          confirmLabel={
            retrying
              ? t("common.retry")
              : attempt.needsApproval
                ? t("admin.cashIns.submit")
                : t("admin.depositSubmit")
          }
          loading={deposit.isPending}
          onConfirm={() => send(attempt)}
          onCancel={() => {
            if (deposit.isPending) return;
            deposit.reset();
            setAttempt(null);
          }}
          text={<DepositFacts attempt={attempt} error={deposit.error} />}
        />
      )}
    </Card>
  );
}

function DepositFacts({ attempt, error }: { attempt: Attempt; error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <dl className="facts" data-testid="deposit-confirm">
        <div>
          <dt>{t("admin.depositReceiver")}</dt>
          <dd>
            <strong data-testid="deposit-confirm-owner">{attempt.receiver.owner_name}</strong>
            <span className="mono">{maskCardNumber(attempt.body.to_card_number)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("admin.depositFrom")}</dt>
          <dd data-testid="deposit-confirm-source">
            {attempt.source ? (
              <span className="mono">{maskCardNumber(attempt.source.card_number)}</span>
            ) : (
              t("admin.treasury")
            )}
          </dd>
        </div>
        {attempt.body.description && (
          <div>
            <dt>{t("transfer.description")}</dt>
            <dd>{attempt.body.description}</dd>
          </div>
        )}
        <div className="facts-total">
          <dt>{t("transfer.amount")}</dt>
          <dd>
            <Money value={attempt.body.amount} />
          </dd>
        </div>
      </dl>
      {attempt.needsApproval && (
        <p data-testid="deposit-needs-approval">{t("admin.cashIns.confirmNote")}</p>
      )}
      <InlineError error={error} />
    </div>
  );
}

function DepositFields({
  error,
  onContinue,
}: {
  error: unknown;
  onContinue: (attempt: Attempt) => void;
}) {
  const { t } = useTranslation();
  const ownCards = useOwnCards();
  const platformCard = usePlatformCard();
  const terms = useTerms().data?.roles.admin;
  const threshold = useApprovalThreshold().data;
  const activeCards = (ownCards.data ?? []).filter((card) => card.status === "active");
  const {
    register,
    control,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<DepositValues>({
    resolver: zodResolver(depositSchema),
    defaultValues: { source: TREASURY, to_card_number: "", amount: "", description: "" },
  });
  const message = (key?: string) => (key ? t(key) : undefined);

  const sourceCard = activeCards.find((card) => card.id === watch("source")) ?? null;
  const typed = normalizeCardNumber(watch("to_card_number"));
  const receiverNumber = typed && isValidCardNumber(typed) ? typed : null;
  const isPlatform = receiverNumber !== null && receiverNumber === platformCard.data?.card_number;
  const sameCard = receiverNumber !== null && receiverNumber === sourceCard?.card_number;
  const lookup = useCardLookup(isPlatform || sameCard ? null : receiverNumber);
  const receiverProblem = isPlatform
    ? t("admin.platformCardRefused")
    : sameCard
      ? t("transfer.sameCard")
      : undefined;
  const amountRuleKey = amountRule(watch("amount"), terms, sourceCard);
  const amountProblem = amountRuleKey
    ? t(amountRuleKey, {
        min: formatSom(terms?.min_amount ?? "0", t("currency")),
        max: formatSom(terms?.max_amount ?? "0", t("currency")),
        balance: formatSom(sourceCard?.balance ?? "0", t("currency")),
      })
    : undefined;

  const typedAmount = parseAmountInput(watch("amount"));
  const thresholdTiyin = threshold ? toTiyin(threshold) : null;
  const typedTiyin = typedAmount === null ? null : toTiyin(typedAmount);
  const needsApproval =
    thresholdTiyin !== null && typedTiyin !== null && typedTiyin > thresholdTiyin;

  const submit = handleSubmit((values) => {
    if (receiverProblem || amountProblem || !lookup.data || !receiverNumber) return;
    const description = values.description.trim();
    onContinue({
      key: crypto.randomUUID(),
      body: {
        to_card_number: receiverNumber,
        amount: parseAmountInput(values.amount) as string,
        ...(description ? { description } : {}),
        ...(sourceCard ? { from_card_id: sourceCard.id } : {}),
      },
      receiver: lookup.data,
      source: sourceCard,
      needsApproval,
    });
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <Select
        label={t("admin.depositFrom")}
        error={message(errors.source?.message)}
        {...register("source")}
      >
        <option value={TREASURY}>{t("admin.treasury")}</option>
        {activeCards.map((card) => (
          <option key={card.id} value={card.id}>
            {maskCardNumber(card.card_number)} — {formatSom(card.balance, t("currency"))}
          </option>
        ))}
      </Select>
      <div>
        <Controller
          name="to_card_number"
          control={control}
          render={({ field }) => (
            <CardNumberInput
              label={t("admin.toCard")}
              error={message(errors.to_card_number?.message) ?? receiverProblem}
              {...field}
            />
          )}
        />
        <div className="lookup" aria-live="polite" data-testid="deposit-lookup">
          {receiverNumber && !receiverProblem && lookup.isFetching && <Spinner size="sm" />}
          {lookup.data && !receiverProblem && (
            <span className="lookup-owner">
              {t("admin.depositReceiver")}: <strong>{lookup.data.owner_name}</strong>
            </span>
          )}
          {lookup.isError && !receiverProblem && (
            <span className="field-error">
              {isProblem(lookup.error) ? lookup.error.detail : t("errors.unknown")}
            </span>
          )}
        </div>
      </div>
      <Controller
        name="amount"
        control={control}
        render={({ field }) => (
          <AmountInput
            label={t("transfer.amount")}
            hint={
              needsApproval && threshold
                ? t("admin.cashIns.needsApproval", {
                    threshold: formatSom(threshold, t("currency")),
                  })
                : terms &&
                  t("admin.depositLimits", {
                    min: formatSom(terms.min_amount, t("currency")),
                    max: formatSom(terms.max_amount, t("currency")),
                  })
            }
            error={message(errors.amount?.message) ?? amountProblem}
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
      <InlineError error={error} />
      <Button
        type="submit"
        block
        disabled={
          Boolean(receiverProblem || amountProblem) || (receiverNumber !== null && !lookup.data)
        }
      >
        {t("transfer.continue")}
      </Button>
    </form>
  );
}

/**
 * The i18n key of what is wrong with a typed amount before anything is sent:
 * outside the admin's per-operation bounds, or more than the chosen own card
 * holds (a cash-in has no fee). An amount that does not parse is the schema's.
 */
function amountRule(
  typed: string,
  terms: { min_amount: string; max_amount: string } | undefined,
  source: BankCard | null,
): string | null {
  const wire = parseAmountInput(typed);
  const amount = wire === null ? null : toTiyin(wire);
  if (amount === null) return null;
  if (terms) {
    const min = toTiyin(terms.min_amount);
    const max = toTiyin(terms.max_amount);
    if (min !== null && amount < min) return "admin.amountTooSmall";
    if (max !== null && amount > max) return "admin.amountTooLarge";
  }
  const balance = source ? toTiyin(source.balance) : null;
  if (balance !== null && amount > balance) return "admin.notEnoughOnCard";
  return null;
}
