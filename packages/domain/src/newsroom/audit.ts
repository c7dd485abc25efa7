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
  /** Part of the actor's email. */
  actor?: string;
  /** Inclusive bounds on when it happened. */
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export type TAuditTargetKind = 'article' | 'model' | 'reader' | 'training' | 'upload' | 'encoder' | 'other';

/** What an action's target names, from the action's area (`article.hide` → an article id). */
export function classifyAuditTarget(action: string): TAuditTargetKind {
  const area = action.split('.')[0];
  const kinds: Record<string, TAuditTargetKind> = { article: 'article', model: 'model', reader: 'reader', user: 'reader', training: 'training', upload: 'upload', encoder: 'encoder' };
  return (area ? kinds[area] : undefined) ?? 'other';
}

/** Details as a line people read: `status: PUBLISHED → HIDDEN`, else `key: value` pairs. */
export function describeAuditDetails(details: Prisma.JsonValue): string {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return details === null ? '' : JSON.stringify(details);
  const { field, from, to, ...rest } = details;
  const show = (v: Prisma.JsonValue | undefined) => (v === null || v === undefined ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));
  const parts = typeof field === 'string' ? [`${field}: ${show(from)} → ${show(to)}`] : [];
  for (const [k, v] of Object.entries(typeof field === 'string' ? rest : details)) parts.push(`${k}: ${show(v)}`);
  return parts.join(', ');
}

/** Newest first, with the actor's email (null when the actor's account was deleted). */
export async function listAuditLog(db: Db, q: AuditQuery) {
  const where: Prisma.AuditLogWhereInput = {
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.actor ? { actor: { email: { contains: q.actor.trim().toLowerCase() } } } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
  };
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
    rows: rows.map((r) => ({
      id: r.id,
      action: r.action,
      target: r.target,
      targetKind: classifyAuditTarget(r.action),
      details: JSON.stringify(r.details),
      summary: describeAuditDetails(r.details),
      createdAt: r.createdAt,
      actor: r.actor?.email ?? null,
    })),
  };
}
