import { SYSTEM_USER_ID } from "../../db/schema";
import { maskCardNumber, maskOwnerName } from "../../lib/card-number";
import { formatMoney } from "../../lib/money";
import { maskPhoneNumber } from "../../lib/phone-number";

/** A transaction as the ledger recorded it (ledger_transaction_snapshot in SQL). */
export interface TransactionSnapshot {
  id: string;
  type: "transfer" | "deposit" | "subscription";
  status: "success" | "failed";
  from_card: SnapshotCard | null;
  to_card: SnapshotCard;
  /** E.164, when the sender addressed the receiver by phone */
  to_phone_number: string | null;
  /** tiyin as decimal text */
  amount: string;
  commission: string;
  description: string | null;
  failure_reason: string | null;
  created_at: string | Date;
  completed_at: string | Date | null;
}

export interface SnapshotCard {
  id: string;
  card_number: string;
  owner_id: string;
  owner_name: string;
}

export interface Viewer {
  id: string;
  role: string;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/**
 * Another person's card number and name are masked, except for admins. The
 * platform card is the system's, not a person's: it shows as it is ("Cho'ntak").
 */
export function renderCard(
  card: Pick<SnapshotCard, "card_number" | "owner_id" | "owner_name">,
  viewer: Viewer,
) {
  const visible =
    viewer.role === "admin" || card.owner_id === viewer.id || card.owner_id === SYSTEM_USER_ID;
  return {
    card_number: visible ? card.card_number : maskCardNumber(card.card_number),
    owner_name: visible ? card.owner_name : maskOwnerName(card.owner_name),
  };
}

/** The wire form of a transaction for this viewer. */
export function renderTransaction(snapshot: TransactionSnapshot, viewer: Viewer) {
  return {
    id: snapshot.id,
    type: snapshot.type,
    status: snapshot.status,
    from_card: snapshot.from_card ? renderCard(snapshot.from_card, viewer) : null,
    to_card: renderCard(snapshot.to_card, viewer),
    // The phone a payment was addressed to is a person's: masked for both sides.
    to_phone: snapshot.to_phone_number
      ? viewer.role === "admin"
        ? snapshot.to_phone_number
        : maskPhoneNumber(snapshot.to_phone_number)
      : null,
    amount: formatMoney(BigInt(snapshot.amount)),
    commission: formatMoney(BigInt(snapshot.commission)),
    description: snapshot.description,
    failure_reason: snapshot.failure_reason,
    created_at: iso(snapshot.created_at),
    completed_at: snapshot.completed_at ? iso(snapshot.completed_at) : null,
  };
}

export type RenderedTransaction = ReturnType<typeof renderTransaction>;

/**
 * A posting's transaction as its first answer showed it: for the initiator,
 * with the role the ledger read inside the posting (so a replay is the same
 * bytes even after a role change).
 */
export function renderPosted(
  outcome: { transaction: TransactionSnapshot; context: { role: string } },
  initiatorId: string,
) {
  return renderTransaction(outcome.transaction, { id: initiatorId, role: outcome.context.role });
}
