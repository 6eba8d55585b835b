import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database, TransactionalDatabase } from "../../db/client";
import { type BankFreezeReason, cards, roleTerms, users } from "../../db/schema";
import { generateCardNumber } from "../../lib/card-number";
import { isUniqueViolation } from "../../lib/db-errors";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";

const CARD_LIFETIME_YEARS = 5;

type Transaction = Parameters<Parameters<TransactionalDatabase["transaction"]>[0]>[0];

/** The columns of a CardRecord (the card joined with its owner's name). */
type CardStatus = "active" | "frozen" | "expired" | "closed";

/**
 * A card's status as of today in Tashkent (the database's clock): a card past
 * its expiry date is expired even before the hourly job marks it.
 */
export const effectiveCardStatus = sql<CardStatus>`card_effective_status(${cards.status}, ${cards.expiryDate})`;

/**
 * A card's balance: its row plus its credit shards (the platform card's
 * commissions and payments land there), as card_totals() defines it.
 */
export const cardBalance =
  sql<bigint>`(select k.balance from card_totals() k where k.card_id = ${cards.id})`.mapWith(
    cards.balance,
  );

export const cardColumns = {
  id: cards.id,
  userId: cards.userId,
  cardNumber: cards.cardNumber,
  balance: cardBalance,
  status: effectiveCardStatus,
  frozenBy: cards.frozenBy,
  freezeReason: cards.freezeReason,
  activated: cards.activated,
  receiving: sql<boolean>`${cards.id} is not distinct from receiving_card_id(${cards.userId})`,
  expiryDate: cards.expiryDate,
  createdAt: cards.createdAt,
  ownerName: users.fullName,
};

export type CardRecord = {
  id: string;
  userId: string;
  cardNumber: string;
  balance: bigint;
  status: CardStatus;
  frozenBy: "owner" | "bank" | "limit" | null;
  freezeReason: BankFreezeReason | null;
  activated: boolean;
  /** payments to the owner's phone number go to this card now */
  receiving: boolean;
  expiryDate: string;
  createdAt: Date;
  ownerName: string;
};

export function toCardResponse(card: CardRecord) {
  const status = card.status;
  return {
    id: card.id,
    user_id: card.userId,
    card_number: card.cardNumber,
    balance: formatMoney(card.balance),
    status,
    frozen_by: status === "frozen" ? card.frozenBy : null,
    freeze_reason: status === "frozen" ? card.freezeReason : null,
    // A card the bank reopened is active whether or not its owner ever activated it.
    activated: card.activated || status === "active",
    receiving: card.receiving,
    expiry_date: card.expiryDate,
    owner_name: card.ownerName,
    created_at: card.createdAt.toISOString(),
  };
}

/** The caller's row, locked (card counts are decided under it), with their role's card limit. */
async function lockOwnerWithTerms(tx: Transaction, userId: string) {
  const [owner] = await tx
    .select({ fullName: users.fullName, maxCards: roleTerms.maxCards })
    .from(users)
    .innerJoin(roleTerms, eq(roleTerms.role, users.role))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  // The system user has no terms and never logs in.
  if (!owner) throw new ApiError("INVALID_TOKEN");
  return owner;
}

/** How many of the user's cards can pay right now (active and not past expiry). */
export async function countActiveCards(tx: Transaction, userId: string): Promise<number> {
  const [counted] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(cards)
    .where(and(eq(cards.userId, userId), sql`${effectiveCardStatus} = 'active'`));
  return counted?.count ?? 0;
}

/**
 * Opens a card, frozen by its owner and not yet activated (they activate it). The user's row is
 * locked while counting their cards, so concurrent requests cannot exceed the
 * role's limit of open (not closed) cards.
 */
export async function openCard(db: TransactionalDatabase, userId: string): Promise<CardRecord> {
  return db.transaction(async (tx) => {
    const owner = await lockOwnerWithTerms(tx, userId);
    const [counted] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(cards)
      .where(and(eq(cards.userId, userId), ne(cards.status, "closed")));
    if ((counted?.count ?? 0) >= owner.maxCards) {
      throw new ApiError(owner.maxCards === 1 ? "CARD_LIMIT" : "CARD_LIMIT_PREMIUM", {
        params: { max: owner.maxCards },
      });
    }
    // 10 random digits: a collision is rare; the unique index decides, we draw again.
    for (let attempt = 0; ; attempt++) {
      try {
        const [card] = await tx
          .insert(cards)
          .values({
            userId,
            cardNumber: generateCardNumber(),
            status: "frozen",
            frozenBy: "owner",
            activated: false,
            expiryDate: sql`(tashkent_today() + make_interval(years => ${CARD_LIFETIME_YEARS}))::date`,
          })
          .returning();
        if (!card) throw new Error("insert returned no card");
        // A new card opens frozen, so it receives nothing yet.
        return { ...card, receiving: false, ownerName: owner.fullName };
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error, "cards_card_number_key")) continue;
        throw error;
      }
    }
  });
}

export async function listCards(db: Database, userId: string): Promise<CardRecord[]> {
  return db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.userId, userId))
    .orderBy(asc(cards.createdAt));
}

/** The caller's own card; anyone else's is indistinguishable from a missing one (404). */
export async function getOwnCard(
  db: Database,
  userId: string,
  cardId: string,
): Promise<CardRecord> {
  const [card] = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(and(eq(cards.id, cardId), eq(cards.userId, userId)));
  if (!card) throw new ApiError("CARD_NOT_FOUND");
  return card;
}

/**
 * The owner's freeze (active → frozen) and unfreeze (frozen → active). A card
 * the bank blocked stays blocked until an admin reopens it. Unfreezing counts
 * the owner's active cards under their row lock, so they never have more
 * active cards than their role allows (after a downgrade, freeze one card to
 * use another).
 */
export async function setOwnCardFrozen(
  db: TransactionalDatabase,
  userId: string,
  cardId: string,
  frozen: boolean,
): Promise<CardRecord> {
  return db.transaction(async (tx) => {
    const owner = frozen ? null : await lockOwnerWithTerms(tx, userId);
    const [card] = await tx
      .select(cardColumns)
      .from(cards)
      .innerJoin(users, eq(users.id, cards.userId))
      .where(and(eq(cards.id, cardId), eq(cards.userId, userId)))
      .for("update", { of: cards });
    if (!card) throw new ApiError("CARD_NOT_FOUND");
    const status = card.status;
    if (status === "closed") throw new ApiError("CARD_CLOSED");
    if (status === "expired") throw new ApiError("CARD_EXPIRED");
    if (frozen) {
      if (status === "frozen") throw new ApiError("CARD_ALREADY_FROZEN");
    } else {
      if (status === "active") throw new ApiError("CARD_ALREADY_ACTIVE");
      if (card.frozenBy === "bank") throw new ApiError("CARD_BLOCKED_BY_BANK");
      if (owner && (await countActiveCards(tx, userId)) >= owner.maxCards) {
        throw new ApiError("ACTIVE_CARD_LIMIT", { params: { max: owner.maxCards } });
      }
    }
    await tx
      .update(cards)
      .set(
        frozen
          ? // Only an active card is frozen here, so it has been in use.
            {
              status: "frozen",
              frozenBy: "owner",
              freezeReason: null,
              activated: true,
              updatedAt: new Date(),
            }
          : {
              status: "active",
              frozenBy: null,
              freezeReason: null,
              activated: true,
              updatedAt: new Date(),
            },
      )
      .where(eq(cards.id, cardId));
    const [changed] = await tx
      .select(cardColumns)
      .from(cards)
      .innerJoin(users, eq(users.id, cards.userId))
      .where(eq(cards.id, cardId));
    if (!changed) throw new Error("card vanished under its own lock");
    return changed;
  });
}

/**
 * For the send screen: the owner of a card that can receive money. A card that
 * does not exist and one that cannot receive (frozen, closed, expired) get the
 * same 404 as a transfer to it, so nobody learns that such a card exists.
 */
export async function findPayableCard(db: Database, cardNumber: string) {
  const [card] = await db
    .select({
      cardNumber: cards.cardNumber,
      ownerId: cards.userId,
      ownerName: users.fullName,
      status: effectiveCardStatus,
    })
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.cardNumber, cardNumber));
  if (card?.status !== "active") throw new ApiError("RECEIVER_CARD_NOT_FOUND");
  return card;
}

/**
 * For the send screen: the masked owner and card a payment to this phone would
 * reach. An unknown phone, a person who is not discoverable by phone and one
 * with no card that can receive get the same 404.
 */
export async function findReceivingCardByPhone(db: Database, phoneNumber: string) {
  const [card] = await db
    .select({ cardNumber: cards.cardNumber, ownerId: cards.userId, ownerName: users.fullName })
    .from(users)
    .innerJoin(cards, sql`${cards.id} = receiving_card_id(${users.id})`)
    .where(
      and(
        eq(users.phoneNumber, phoneNumber),
        eq(users.discoverableByPhone, true),
        ne(users.role, "system"),
      ),
    );
  if (!card) throw new ApiError("RECEIVER_PHONE_NOT_FOUND");
  return card;
}

/**
 * The owner chooses the card payments to their phone go to: an active card of
 * theirs. One statement: the choice is written only if the card is theirs and
 * active, and the card is read back with whether it was.
 */
export async function chooseReceivingCard(
  db: Database,
  userId: string,
  cardId: string,
): Promise<CardRecord> {
  const chosen = db.$with("chosen", { id: sql<string>`id` }).as(
    sql`update ${users} set receiving_card_id = ${cardId}::uuid, updated_at = now()
        where ${users.id} = ${userId}::uuid and exists (
          select 1 from ${cards} where ${cards.id} = ${cardId}::uuid
            and ${cards.userId} = ${userId}::uuid and ${effectiveCardStatus} = 'active')
        returning ${users.id}`,
  );
  const [card] = await db
    .with(chosen)
    .select({ ...cardColumns, chosen: sql<boolean>`exists (select 1 from ${chosen})` })
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(and(eq(cards.id, cardId), eq(cards.userId, userId)));
  if (!card) throw new ApiError("CARD_NOT_FOUND");
  if (!card.chosen) throw new ApiError("CARD_NOT_ACTIVE");
  // The statement's own read predates its write: the card is now the receiving one.
  const { chosen: _, ...record } = card;
  return { ...record, receiving: true };
}

/** Cron: marks cards past their expiry date (Asia/Tashkent) as expired. */
export async function expireCards(db: Database): Promise<number> {
  const expired = await db
    .update(cards)
    .set({ status: "expired", frozenBy: null, freezeReason: null, updatedAt: new Date() })
    .where(
      and(
        sql`${cards.status} in ('active', 'frozen')`,
        sql`${cards.expiryDate} < tashkent_today()`,
      ),
    )
    .returning({ id: cards.id });
  return expired.length;
}
