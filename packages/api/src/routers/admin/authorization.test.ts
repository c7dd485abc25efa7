import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { createSession } from '@lede/domain/readers';

import { adminRouter, readerRouter } from '../../root';
import { callerFor, newReaderId } from '../../testing/fixtures';

/**
 * Generated from the router: every procedure under `admin.` must refuse anonymous callers and readers, so a
 * new procedure cannot ship without its role check. Editors may use everything except the admin-only areas
 * (model versions, metrics, system status and, from the training work, `admin.training.`).
 */
const adminPaths = Object.keys(adminRouter._def.procedures).filter((p) => p.startsWith('admin.'));
const ADMIN_ONLY = ['admin.metrics.', 'admin.models.', 'admin.training.', 'admin.system.', 'admin.staff.', 'admin.passwords.'];
const isAdminOnly = (path: string) => ADMIN_ONLY.some((prefix) => path.startsWith(prefix));

function procedureAt(caller: object, path: string) {
  let node: unknown = caller;
  for (const part of path.split('.')) node = Reflect.get(node as object, part);
  if (typeof node !== 'function') throw new Error(`${path} is not a procedure`);
  return node as (input?: unknown) => Promise<unknown>;
}

/** The error code a call ends with, or 'OK'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (err) {
    return (err as { code?: string }).code ?? 'UNKNOWN';
  }
}

describe(`admin procedures refuse readers (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let readerToken: string;
  let editorToken: string;
  beforeAll(async () => {
    t = await createTestDb();
    const reader = await t.db.user.create({ data: { email: 'reader@example.com', isAnonymous: false, interests: [] } });
    readerToken = (await createSession(t.db, reader.id)).token;
    const editor = await t.db.user.create({ data: { email: 'editor@example.com', role: 'EDITOR', isAnonymous: false, interests: [] } });
    editorToken = (await createSession(t.db, editor.id)).token;
  });
  afterAll(() => t.drop());

  it('finds the admin procedures', () => {
    expect(adminPaths).toEqual(
      expect.arrayContaining([
        'admin.articles.list', 'admin.articles.get', 'admin.articles.update', 'admin.metrics.daily', 'admin.metrics.series',
        'admin.metrics.exportCsv', 'admin.models.list', 'admin.models.promote', 'admin.models.split', 'admin.models.rollback',
        'admin.readers.search', 'admin.readers.get', 'admin.readers.feed', 'admin.uploads.status', 'admin.audit.list',
        'admin.articles.publish', 'admin.articles.deleteDrafts', 'admin.imports.list',
      ]),
    );
    // Nothing outside `admin.` needs a staff role: staff procedures must not hide elsewhere.
    expect(Object.keys(adminRouter._def.procedures).filter((p) => !/^(admin|auth|health)\./.test(p))).toEqual([]);
    // The public reader app's router has no staff procedure at all, whatever cookie reaches it.
    expect(Object.keys(readerRouter._def.procedures).filter((p) => /^(admin|models|metrics|readers|uploads|audit|training|system)\./.test(p))).toEqual([]);
  });

  it.each(adminPaths)('%s', async (path) => {
    const anonymous = await callerFor(t.db, { readerId: newReaderId() });
    const reader = await callerFor(t.db, { sessionToken: readerToken });
    const editor = await callerFor(t.db, { sessionToken: editorToken });
    // Input is checked after the role, so an empty input is enough to reach the role check.
    await expect(procedureAt(anonymous, path)({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(procedureAt(reader, path)({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const asEditor = await outcome(procedureAt(editor, path)({}));
    if (isAdminOnly(path)) expect(asEditor).toBe('FORBIDDEN');
    else expect(asEditor).not.toMatch(/^(FORBIDDEN|UNAUTHORIZED)$/);
  });
});
