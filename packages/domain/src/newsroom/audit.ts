import { type Db, type Prisma } from '@lede/db';

export interface AuditEntry {
  actorId: string | null;
  /** `<area>.<verb>`: `article.hide`, `model.promote`, `upload.import`… */
  action: string;
  /** What the action was done to: an article id, a model version id, an upload id. */
  target: string;
  details?: Prisma.InputJsonValue;
}

/** The create call for one audit row, for use inside a `$transaction([...])` beside the change it records. */
export function auditCreate(db: Db, entry: AuditEntry) {
  return db.auditLog.create({ data: { actorId: entry.actorId, action: entry.action, target: entry.target, details: entry.details ?? {} } });
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await auditCreate(db, entry);
}

export interface AuditQuery {
  /** Prefix match: `article.` for editorial actions, `model.` for model actions. */
  action?: string;
  page: number;
  pageSize: number;
}

/** Newest first, with the actor's email (null when the actor's account was deleted). */
export async function listAuditLog(db: Db, q: AuditQuery) {
  const where = q.action ? { action: { startsWith: q.action } } : {};
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: q.page * q.pageSize,
      take: q.pageSize,
      select: { id: true, action: true, target: true, details: true, createdAt: true, actor: { select: { email: true } } },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, action: r.action, target: r.target, details: JSON.stringify(r.details), createdAt: r.createdAt, actor: r.actor?.email ?? null })),
  };
}
