import { zodResolver } from "@hookform/resolvers/zod";
import { useRef } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Receipt } from "../../../components/receipt";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { isProblem } from "../../../lib/api/problem";
import { formatCardInput, normalizeCardNumber } from "../../../lib/card";
import { parseAmountInput } from "../../../lib/money";
import { amountSchema, cardNumberSchema } from "../../../lib/validation";
import { type DepositInput, useDeposit } from "../api/admin";

const depositSchema = z.object({
  to_card_number: cardNumberSchema,
  amount: amountSchema,
  description: z.string().trim().max(255, "validation.description"),
});
type DepositValues = z.infer<typeof depositSchema>;

/** Cash-in from the treasury to any active card. */
export function DepositForm() {
  const { t } = useTranslation();
  const deposit = useDeposit();
  // The attempt's key survives a retry of the same payload; a changed payload is a new attempt.
  const attempt = useRef<{ key: string; payload: string } | null>(null);
  const {
    register,
    handleSubmit,
    setValue,
    reset,
    formState: { errors },
  } = useForm<DepositValues>({
    resolver: zodResolver(depositSchema),
    defaultValues: { to_card_number: "", amount: "", description: "" },
  });
  const message = (key?: string) => (key ? t(key) : undefined);

  const submit = handleSubmit((values) => {
    const description = values.description.trim();
    const body: DepositInput = {
      to_card_number: normalizeCardNumber(values.to_card_number) as string,
      amount: parseAmountInput(values.amount) as string,
      ...(description ? { description } : {}),
    };
    const payload = JSON.stringify(body);
    const retrying =
      attempt.current?.payload === payload && isProblem(deposit.error) && deposit.error.transient;
    if (!retrying) attempt.current = { key: crypto.randomUUID(), payload };
    deposit.mutate(
      { body, idempotencyKey: attempt.current?.key as string },
      {
        onSuccess: () => {
          attempt.current = null;
          reset();
        },
      },
    );
  });

  return (
    <Card title={t("admin.deposit")}>
      <form className="form" noValidate onSubmit={submit}>
        <Input
          label={t("admin.toCard")}
          inputMode="numeric"
          autoComplete="off"
          placeholder="7777 0000 0000 0000"
          error={message(errors.to_card_number?.message)}
          {...register("to_card_number", {
            onChange: (event) => setValue("to_card_number", formatCardInput(event.target.value)),
          })}
        />
        <Input
          label={t("transfer.amount")}
          inputMode="decimal"
          autoComplete="off"
          error={message(errors.amount?.message)}
          {...register("amount")}
        />
        <Input
          label={t("transfer.description")}
          maxLength={255}
          error={message(errors.description?.message)}
          {...register("description")}
        />
        <InlineError error={deposit.error} />
        <Button type="submit" loading={deposit.isPending}>
          {t("admin.depositSubmit")}
        </Button>
      </form>
      {deposit.data && (
        <div className="stack">
          <div className="alert alert-success" role="status">
            {t("admin.depositDone")}
          </div>
          <Receipt transaction={deposit.data} direction="self" />
        </div>
      )}
    </Card>
  );
}
