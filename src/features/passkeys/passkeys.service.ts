import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passkeys, users } from "../../db/schema";
import { isUniqueViolation } from "../../lib/db-errors";
import { ApiError } from "../../lib/problem";
import type { NewCredential } from "./webauthn";

/** How many passkeys one person may keep. */
export const MAX_PASSKEYS = 10;

export interface StoredPasskey {
  id: string;
  userId: string;
  publicKey: string;
  counter: number;
  transports: string[] | null;
}

const listed = {
  id: passkeys.id,
  name: passkeys.name,
  transports: passkeys.transports,
  deviceType: passkeys.deviceType,
  backedUp: passkeys.backedUp,
  createdAt: passkeys.createdAt,
  lastUsedAt: passkeys.lastUsedAt,
};

export type PasskeyRow = Awaited<ReturnType<typeof listPasskeys>>[number];

/** A person's passkeys, oldest first. */
export function listPasskeys(db: Database, userId: string) {
  return db
    .select(listed)
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
}

/** The credentials an assertion may use for this person (empty: they have none). */
export function credentialsOf(db: Database, userId: string) {
  return db
    .select({
      id: passkeys.id,
      userId: passkeys.userId,
      publicKey: passkeys.publicKey,
      counter: passkeys.counter,
      transports: passkeys.transports,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
}

/**
 * Stores a verified passkey under the person's name for it, in one statement
 * that also takes a place of the person's passkey count: the count's UPDATE
 * waits for a concurrent one and re-checks the limit on the row it left, so
 * two registrations at once never pass the limit together. A credential
 * already stored (by anyone) is refused by the primary key, and the whole
 * statement, count included, rolls back.
 */
export async function addPasskey(
  db: Database,
  userId: string,
  name: string,
  credential: NewCredential,
): Promise<PasskeyRow> {
  let rows: Record<string, unknown>[];
  try {
    ({ rows } = await db.execute(sql`
      with place as (
        update users set passkey_count = passkey_count + 1
        where id = ${userId}::uuid and passkey_count < ${MAX_PASSKEYS}
        returning id
      )
      insert into passkeys (id, user_id, name, public_key, counter, transports, device_type, backed_up)
      select ${credential.id}, place.id, ${name}, ${credential.publicKey},
             ${credential.counter}::bigint, ${JSON.stringify(credential.transports)}::jsonb,
             ${credential.deviceType}, ${credential.backedUp}::boolean
      from place
      returning id, name, transports, device_type, backed_up, created_at, last_used_at`));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("PASSKEY_REJECTED", { cause: error });
    throw error;
  }
  const [inserted] = rows;
  if (!inserted) throw new ApiError("PASSKEY_LIMIT");
  const lastUsed = inserted.last_used_at;
  return {
    id: String(inserted.id),
    name: String(inserted.name),
    transports: (inserted.transports as string[] | null) ?? null,
    deviceType: String(inserted.device_type),
    backedUp: Boolean(inserted.backed_up),
    createdAt: new Date(String(inserted.created_at)),
    lastUsedAt: lastUsed ? new Date(String(lastUsed)) : null,
  };
}
/** The passkey an assertion names, if it belongs to a person who can log in. */
export async function findPasskey(db: Database, id: string): Promise<StoredPasskey | null> {
  const [row] = await db
    .select({
      id: passkeys.id,
      userId: passkeys.userId,
      publicKey: passkeys.publicKey,
      counter: passkeys.counter,
      transports: passkeys.transports,
    })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(and(eq(passkeys.id, id), ne(users.role, "system")));
  return row ?? null;
}

/**
 * Records a verified assertion: the new signature counter, only if the stored
 * one is still what the assertion was checked against (compare and set), so
 * two answers carrying the same counter cannot both pass.
 */
export async function recordUse(
  db: Database,
  passkey: StoredPasskey,
  newCounter: number,
): Promise<void> {
  const rows = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: new Date() })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
    .returning({ id: passkeys.id });
  if (rows.length === 0) throw new ApiError("PASSKEY_REJECTED");
}

export async function renamePasskey(db: Database, userId: string, id: string, name: string) {
  const [row] = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning(listed);
  if (!row) throw new ApiError("PASSKEY_NOT_FOUND");
  return row;
}

/** Deletes one of the person's passkeys and gives its place back, in one statement. */
export async function deletePasskey(db: Database, userId: string, id: string): Promise<void> {
  const { rows } = await db.execute(sql`
    with gone as (
      delete from passkeys where id = ${id} and user_id = ${userId}::uuid returning user_id
    )
    update users set passkey_count = passkey_count - 1
    where id = (select user_id from gone)
    returning id`);
  if (rows.length === 0) throw new ApiError("PASSKEY_NOT_FOUND");
}
