import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { adminRouter, readerRouter } from '../root';
import { createSession, hashPassword } from '@lede/domain/readers';
import { createContext } from '../trpc';
import { handleTrpcRequest } from './trpc-handler';

const HOST = 'news.test';

/** The HTTP requests the apps' /api/trpc routes receive, sent to one of the two routers. */
describe(`/api/trpc (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestDb();
    const admin = await t.db.user.create({ data: { email: 'admin@example.com', role: 'ADMIN', isAnonymous: false, interests: [], passwordHash: await hashPassword('right-password') } });
    adminToken = (await createSession(t.db, admin.id)).token;
  });
  afterAll(() => t.drop());

  function send(app: 'reader' | 'admin', path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    const req = new Request(`http://${HOST}/api/trpc/${path}`, { ...init, headers: { host: HOST, ...init.headers } });
    const sessionToken = req.headers.get('x-test-session');
    return handleTrpcRequest(req, {
      router: app === 'reader' ? readerRouter : adminRouter,
      createContext: () => createContext({ db: t.db, sessionToken, ip: '203.0.113.7' }),
    });
  }

  const json = (input: unknown) => ({ method: 'POST', body: JSON.stringify({ json: input }), headers: { 'content-type': 'application/json', origin: `http://${HOST}` } });

  it("has no admin.* on the reader's endpoint, whatever session comes with the request", async () => {
    const asAdmin = { headers: { 'x-test-session': adminToken } };
    expect((await send('admin', 'admin.system.status', asAdmin)).status).toBe(200);
    expect((await send('reader', 'admin.system.status', asAdmin)).status).toBe(404);
    expect((await send('reader', 'admin.models.rollback', { ...json({}), headers: { ...json({}).headers, 'x-test-session': adminToken } })).status).toBe(404);
  });

  it('refuses a batch of 20 procedures', async () => {
    const paths = Array.from({ length: 20 }, () => 'health.ping').join(',');
    const res = await send('reader', `${paths}?batch=1&input=${encodeURIComponent('{}')}`);
    expect(res.status).toBe(400);
    expect((await send('reader', `health.ping,health.ping?batch=1&input=${encodeURIComponent('{}')}`)).status).toBe(200);
  });

  it('takes mutations as JSON only: a multipart form (no preflight cross-site) is refused', async () => {
    const form = new FormData();
    form.append('0', JSON.stringify({ json: {} }));
    const res = await send('reader', 'auth.signOut', { method: 'POST', body: form, headers: { origin: `http://${HOST}` } });
    expect(res.status).toBe(415);
    const plain = await send('reader', 'auth.signOut', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain', origin: `http://${HOST}` } });
    expect(plain.status).toBe(415);
    expect((await send('reader', 'auth.signOut', json(null))).status).toBe(200);
  });

  it("refuses mutations from another origin, another port or a sibling site; accepts the app's own", async () => {
    const from = (headers: Record<string, string>) => send('admin', 'auth.signOut', { ...json(null), headers: { 'content-type': 'application/json', ...headers } });
    expect((await from({ origin: 'http://evil.test' })).status).toBe(403);
    expect((await from({ origin: `http://${HOST}:3000` })).status).toBe(403);
    expect((await from({ origin: 'null' })).status).toBe(403);
    expect((await from({ origin: `http://${HOST}`, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await from({ origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    // Not a browser (no Origin, no Sec-Fetch-Site): no CSRF possible, left to authentication.
    expect((await from({})).status).toBe(200);
  });

  it('refuses a body over the cap before parsing it', async () => {
    const big = 'x'.repeat(300_000);
    expect((await send('reader', 'auth.signOut', { ...json({ big }) })).status).toBe(413);
  });

  it('answers 20 wrong passwords in a row for one account with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await send('admin', 'auth.signIn', json({ email: 'admin@example.com', password: `guess-${i}` }));
      statuses.push(res.status);
      retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    // The first lock lasts 15 minutes; the right password does not lift it.
    expect(Number(retryAfter)).toBeGreaterThan(800);
    expect((await send('admin', 'auth.signIn', json({ email: 'admin@example.com', password: 'right-password' }))).status).toBe(429);
  });
});
