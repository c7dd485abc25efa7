import path from 'node:path';

import { type Db } from '@lede/db';

import { detectFormat, importPath, type ImportOptions, type ImportSummary } from '../../ingest';

/** Cuts server folders from paths in a message (`/srv/lede/data/uploads/123/a.jsonl:12` -> `a.jsonl:12`). */
export function stripServerPaths(message: string): string {
  return message.replace(/(?:\/[^/\s:]+)+\/([^/\s:]+)/g, '$1');
}

/** A failed import's message kept in its record: the summary line and the first bad items (`file:line: …`). */
const KEPT_ERROR_LINES = 11;
const KEPT_ERROR_CHARS = 4000;

function describeImportFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return stripServerPaths(message.split('\n').slice(0, KEPT_ERROR_LINES).join('\n')).slice(0, KEPT_ERROR_CHARS);
}

export interface NewImportRecord {
  /** An upload's id (its folder under data/uploads/); default a new id. */
  id?: string;
  /** Null: the command line. */
  actorId: string | null;
  origin: 'upload' | 'cli';
  fileName: string;
  format: string;
  asDrafts: boolean;
  skipInvalid: boolean;
}

/** Records an import before it runs (QUEUED): the history lists it from then on. */
export async function createImportRecord(db: Db, record: NewImportRecord): Promise<{ id: string }> {
  return db.import.create({ data: record, select: { id: true } });
}

/** Forgets an import that never started (its job could not be queued). */
export async function deleteImportRecord(db: Db, id: string): Promise<void> {
  await db.import.deleteMany({ where: { id, status: 'QUEUED' } });
}

/**
 * Runs `importPath` under its Import record: RUNNING, then SUCCEEDED with the summary's counts or FAILED with
 * the error (the same on every attempt of a retried job: the last one wins). The articles it creates carry the
 * import's id, as drafts when the record says so. Without a record (a job queued before imports were recorded)
 * it imports unrecorded and published, as it did then.
 */
export async function runRecordedImport(db: Db, importId: string | undefined, target: string, options: ImportOptions, jobId?: string): Promise<ImportSummary> {
  const record = importId ? await db.import.findUnique({ where: { id: importId }, select: { id: true, asDrafts: true } }) : null;
  if (!record) return importPath(db, target, options);
  await db.import.update({ where: { id: record.id }, data: { status: 'RUNNING', error: null, finishedAt: null, ...(jobId ? { jobId } : {}) } });
  try {
    const summary = await importPath(db, target, { ...options, newArticles: { status: record.asDrafts ? 'DRAFT' : 'PUBLISHED', importId: record.id } });
    const { articles, invalid, skipped, users, impressions, events } = summary;
    await db.import.update({ where: { id: record.id }, data: { status: 'SUCCEEDED', articles, invalid, skipped, users, impressions, events, finishedAt: new Date() } });
    return summary;
  } catch (err) {
    // The import's own error matters more than a failure to record it (the database may be what failed).
    await db.import.update({ where: { id: record.id }, data: { status: 'FAILED', error: describeImportFailure(err), finishedAt: new Date() } }).catch(() => undefined);
    throw err;
  }
}

/** `npm run import`: records the import (actor: the command line) and runs it; returns the summary and the record's id. */
export async function importFromCommandLine(db: Db, target: string, options: ImportOptions & { asDrafts?: boolean }) {
  const { asDrafts = false, ...importOptions } = options;
  const format = detectFormat(target);
  const { id } = await createImportRecord(db, {
    actorId: null, origin: 'cli', fileName: path.basename(path.resolve(target)), format, asDrafts, skipInvalid: importOptions.skipInvalid ?? false,
  });
  return { importId: id, summary: await runRecordedImport(db, id, target, importOptions) };
}

export interface ImportHistoryQuery {
  page: number;
  pageSize: number;
}

/**
 * The newsroom's import history, newest first, with who ran each import (null: the command line or a deleted
 * account) and, besides the summary's counts, how many of the articles it created are still here and how many
 * of those are still drafts.
 */
export async function listImports(db: Db, q: ImportHistoryQuery) {
  const [total, rows] = await Promise.all([
    db.import.count(),
    db.import.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: q.page * q.pageSize,
      take: q.pageSize,
      select: {
        id: true, origin: true, fileName: true, format: true, asDrafts: true, skipInvalid: true, status: true, error: true,
        articles: true, invalid: true, skipped: true, users: true, impressions: true, events: true, createdAt: true, finishedAt: true,
        actor: { select: { email: true } },
      },
    }),
  ]);
  const counts = rows.length
    ? await db.article.groupBy({ by: ['importId', 'status'], where: { importId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
    : [];
  const countOf = (id: string, draftsOnly: boolean) =>
    counts.filter((c) => c.importId === id && (!draftsOnly || c.status === 'DRAFT')).reduce((s, c) => s + c._count._all, 0);
  return {
    total,
    rows: rows.map(({ actor, ...r }) => ({ ...r, actor: actor?.email ?? null, created: countOf(r.id, false), drafts: countOf(r.id, true) })),
  };
}
