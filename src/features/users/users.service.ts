import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { avatars, users } from "../../db/schema";
import { isUniqueViolation } from "../../lib/db-errors";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";

import type { Role, UserRecord } from "../../types";

export type { Role, UserRecord };

/** tiyin: the step-up threshold of a person who set none (1 000 000 so'm). */
export const DEFAULT_STEP_UP_THRESHOLD = 100_000_000n;

/**
 * The threshold in force: the person's own or the default, capped at their
 * role's maximum (a larger transfer is refused by the limit anyway). The
 * ledger compares with the same rule.
 */
// Qualified by hand: drizzle writes bare column names in RETURNING, where the
// subquery's own role column would shadow them.
const stepUpThreshold = sql<bigint>`least(
    coalesce(users.step_up_threshold, ${DEFAULT_STEP_UP_THRESHOLD.toString()}::bigint),
    (select max_amount from role_terms where role_terms.role = users.role))`.mapWith(
  (value: string | number | bigint) => BigInt(value),
);

/** The columns of a UserRecord (the user left-joined with their avatar). */
export const userColumns = {
  id: users.id,
  fullName: users.fullName,
  phoneNumber: users.phoneNumber,
  role: users.role,
  discoverableByPhone: users.discoverableByPhone,
  createdAt: users.createdAt,
  avatarId: avatars.id,
  stepUpThreshold,
};

/** A person who can log in: the system user (platform card owner) never can. */
function asPerson<T extends { role: string }>(row: T | undefined): (T & { role: Role }) | null {
  return row && row.role !== "system" ? (row as T & { role: Role }) : null;
}

export async function findUserById(db: Database, id: string): Promise<UserRecord | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .leftJoin(avatars, eq(avatars.userId, users.id))
    .where(eq(users.id, id));
  return asPerson(row);
}

export async function findCredentialsByPhone(db: Database, phoneNumber: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.phoneNumber, phoneNumber));
  return asPerson(row);
}

export async function findPasswordHash(db: Database, id: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id));
  return row?.passwordHash ?? null;
}

/** Inserts a user; a taken phone → 409, decided by the unique constraint (no check-then-insert race). */
export async function createUser(
  db: Database,
  user: { fullName: string; phoneNumber: string; passwordHash: string },
): Promise<UserRecord> {
  try {
    const [row] = await db.insert(users).values(user).returning({
      id: users.id,
      fullName: users.fullName,
      phoneNumber: users.phoneNumber,
      role: users.role,
      discoverableByPhone: users.discoverableByPhone,
      createdAt: users.createdAt,
      stepUpThreshold,
    });
    return { ...(row as Omit<UserRecord, "avatarId"> & { role: Role }), avatarId: null };
  } catch (error) {
    if (isUniqueViolation(error, "users_phone_number_key")) throw new ApiError("PHONE_TAKEN");
    throw error;
  }
}

export async function updateUser(
  db: Database,
  id: string,
  changes: {
    fullName?: string;
    phoneNumber?: string;
    passwordHash?: string;
    discoverableByPhone?: boolean;
  },
): Promise<void> {
  try {
    await db
      .update(users)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(users.id, id));
  } catch (error) {
    if (isUniqueViolation(error, "users_phone_number_key")) throw new ApiError("PHONE_TAKEN");
    throw error;
  }
}

/**
 * Sets the person's step-up threshold, refused (false) above their role's
 * maximum, checked in the same statement as the write.
 */
export async function setStepUpThreshold(
  db: Database,
  id: string,
  tiyin: bigint,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ stepUpThreshold: tiyin, updatedAt: new Date() })
    .where(
      and(
        eq(users.id, id),
        sql`${tiyin.toString()}::bigint <= (select max_amount from role_terms where role_terms.role = ${users.role})`,
      ),
    )
    .returning({ id: users.id });
  return rows.length > 0;
}

/** The wire form of a user. */
export function toUserResponse(user: UserRecord, origin: string) {
  return {
    id: user.id,
    full_name: user.fullName,
    phone_number: user.phoneNumber,
    role: user.role,
    discoverable_by_phone: user.discoverableByPhone,
    avatar: user.avatarId
      ? { id: user.avatarId, photo_url: `${origin}/api/avatar/image/${user.avatarId}` }
      : null,
    created_at: user.createdAt.toISOString(),
    step_up_threshold: formatMoney(user.stepUpThreshold),
  };
}
