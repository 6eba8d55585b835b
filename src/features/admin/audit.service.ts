import { count, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditLog, users } from "../../db/schema";

export async function listAuditLog(
  db: Database,
  query: { action?: string; page: number; limit: number },
) {
  const where = query.action ? eq(auditLog.action, query.action) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        actorId: auditLog.actorUserId,
        actorName: users.fullName,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return {
    total: total?.value ?? 0,
    items: rows.map((row) => ({
      id: row.id.toString(),
      actor: { id: row.actorId, full_name: row.actorName },
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      before: row.before,
      after: row.after,
      created_at: row.createdAt.toISOString(),
    })),
  };
}
