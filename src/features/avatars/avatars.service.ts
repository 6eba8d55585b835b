import { eq } from "drizzle-orm";
import type { TransactionalDatabase } from "../../db/client";
import { avatars, users } from "../../db/schema";
import { ApiError } from "../../lib/problem";
import { isImageType, type UploadedImage } from "./image-upload";

export interface AvatarStore {
  db: TransactionalDatabase;
  bucket: R2Bucket;
}

/**
 * Points the user's avatar row at a new object and returns the key it pointed
 * at before. A fresh avatar id each time: image URLs are cached as immutable.
 */
async function pointAvatarAt(
  db: TransactionalDatabase,
  userId: string,
  object: { objectKey: string; contentType: string; sizeBytes: number },
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    // Serialises one user's uploads, the very first too (no avatar row to lock yet),
    // so every replaced key is seen and deleted. NO KEY UPDATE leaves FK checks unblocked.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("no key update");
    const [previous] = await tx
      .select({ objectKey: avatars.objectKey })
      .from(avatars)
      .where(eq(avatars.userId, userId));
    const id = crypto.randomUUID();
    await tx
      .insert(avatars)
      .values({ id, userId, ...object })
      .onConflictDoUpdate({
        target: avatars.userId,
        set: { id, ...object, createdAt: new Date() },
      });
    return previous?.objectKey;
  });
}

/**
 * New object first, then the row, then the old object: a row never points at
 * a missing object. A failure leaves at worst an orphan object, never a broken URL.
 */
export async function replaceAvatar(
  { db, bucket }: AvatarStore,
  userId: string,
  image: UploadedImage,
): Promise<void> {
  const objectKey = `avatars/${userId}/${crypto.randomUUID()}`;
  await bucket.put(objectKey, image.bytes, { httpMetadata: { contentType: image.contentType } });
  let previousKey: string | undefined;
  try {
    previousKey = await pointAvatarAt(db, userId, {
      objectKey,
      contentType: image.contentType,
      sizeBytes: image.bytes.byteLength,
    });
  } catch (error) {
    await bucket.delete(objectKey).catch(() => undefined);
    throw error;
  }
  if (previousKey) await deleteObjectQuietly(bucket, previousKey);
}

/** Row first, then the object (same reason as above). */
export async function removeAvatar({ db, bucket }: AvatarStore, userId: string): Promise<void> {
  const [removed] = await db
    .delete(avatars)
    .where(eq(avatars.userId, userId))
    .returning({ objectKey: avatars.objectKey });
  if (!removed) throw new ApiError("AVATAR_NOT_FOUND");
  await deleteObjectQuietly(bucket, removed.objectKey);
}

/** The row is already gone or repointed, so the request succeeded; a stray object is only storage. */
async function deleteObjectQuietly(bucket: R2Bucket, key: string): Promise<void> {
  try {
    await bucket.delete(key);
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", avatar_orphan: key, error: String(error) }));
  }
}

/** The stored image of an avatar id; gone or replaced → 404. */
export async function openAvatarImage({ db, bucket }: AvatarStore, avatarId: string) {
  const [avatar] = await db
    .select({ objectKey: avatars.objectKey, contentType: avatars.contentType })
    .from(avatars)
    .where(eq(avatars.id, avatarId));
  // The allowlist check is defence in depth: only sniffed image types are ever stored.
  if (!avatar || !isImageType(avatar.contentType)) throw new ApiError("NOT_FOUND");
  const object = await bucket.get(avatar.objectKey);
  if (!object) throw new ApiError("NOT_FOUND");
  return {
    body: object.body,
    size: object.size,
    etag: object.httpEtag,
    contentType: avatar.contentType,
  };
}
