import { Receipt } from "../../../components/receipt";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";
import { directionOf } from "../../../lib/transactions";
import { useTransaction } from "../api/transactions";

export function TransactionDetail({
  transactionId,
  ownCardNumbers,
}: {
  transactionId: string;
  ownCardNumbers: readonly string[];
}) {
  const transaction = useTransaction(transactionId);
  if (transaction.isPending) return <Spinner />;
  if (transaction.isError)
    return <ErrorState error={transaction.error} onRetry={() => transaction.refetch()} />;
  return (
    <Receipt
      transaction={transaction.data}
      direction={directionOf(transaction.data, ownCardNumbers)}
      repeatable={!transaction.data.payment_request_id}
    />
  );
}
