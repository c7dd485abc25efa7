// `npm run bench -- soak [--seconds 60] [--sample 15] [--stacks embedded,postgresql]`: mixed reader and newsroom
// traffic against the real apps (production builds under `next start`) and the worker, first on the embedded
// default (SQLite, in-process jobs), then on PostgreSQL + Redis while the worker runs an upload's import and a
// training run. Counts requests, non-2xx (429 apart), latency p50/p99, and the reader process's memory (RSS of
// the process tree) after the warm-up and every `--sample` seconds, with the slope over the run's second half:
// three samples cannot tell a heap still growing into its limits from one that keeps growing.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDb, repoRoot } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import { createTestDb } from '@lede/db/testing';
import { createSession } from '@lede/domain/readers';
import { apiEnv, SECOND_MS } from '@lede/domain/shared';

import { readProcessEnv } from '../env';
import { type Proc, rssMb, startApp, startWorker, stop, waitForHttp } from '../deploy/procs';

type Op = 'feed-page' | 'feed-next' | 'click' | 'seen' | 'search' | 'article' | 'admin';
const WEIGHTS: [Op, number][] = [
  ['feed-page', 12],
  ['feed-next', 13],
  ['click', 15],
  ['seen', 15],
  ['search', 10],
  ['article', 20],
  ['admin', 15],
];
const ADMIN_PAGES = ['/', '/articles', '/metrics', '/models', '/training', '/readers', '/audit'];
const QUERIES = ['election', 'climate', 'football', 'recipe', 'covid', 'music', 'travel', 'space', 'economy', 'health'];

export interface SoakRun {
  stack: 'embedded' | 'postgresql+redis';
  seconds: number;
  connections: number;
  requests: number;
  non_2xx: number;
  rate_limited_429: number;
  network_errors: number;
  p50_ms: number;
  p99_ms: number;
  by_op: Record<string, { requests: number; non_2xx: number; p99_ms: number }>;
  reader_rss_start_mb: number;
  reader_rss_mid_mb: number;
  reader_rss_end_mb: number;
  /** Reader RSS every `sampleS` seconds from the end of the warm-up (t 0) to the end. */
  reader_rss_series: { t_s: number; mb: number }[];
  /** Least-squares slope of the series' second half, MB per minute. */
  reader_rss_slope_last_half_mb_per_min: number;
  import?: string;
  training?: string;
  first_errors: string[];
}

interface Reader {
  cookie: string;
  articles: string[];
  requestId: string | null;
  cursor: string | null;
}

export async function runSoak(stack: 'embedded' | 'postgresql', opts: { seconds: number; sampleS?: number; connections?: number }): Promise<SoakRun> {
  const connections = opts.connections ?? 8;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-soak-'));
  const scratch = stack === 'postgresql' ? await createTestDb('postgresql') : null;
  const databaseUrl = scratch ? scratch.url : `file:${path.join(dataDir, 'lede.db')}`;
  await scratch?.db.$disconnect();
  // Redis database 13 for the soak (the fault runs use 14): BullMQ keys have one prefix, so two runs sharing a database would take each other's jobs.
  const redisUrl = stack === 'postgresql' ? redisDb(apiEnv.REDIS_URL ?? 'redis://127.0.0.1:6379', 13) : null;
  const env: Record<string, string> = { DATABASE_URL: databaseUrl, LEDE_DATA_DIR: dataDir, LEDE_POOL_SIZE: '15000', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  const procs: Proc[] = [];
  try {
    console.error(`soak (${stack}): preparing data (apps/worker/src/cli/prepare.ts --profile e2e: demo corpus, 40 simulated readers, vectors)`);
    const prepStarted = Date.now();
    if (!scratch) await migrateDatabase(databaseUrl);
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'apps/worker/src/cli/prepare.ts', '--profile', 'e2e'], {
      cwd: repoRoot,
      env: { ...readProcessEnv(), ...env, LEDE_ADMIN_PASSWORD: 'soak-admin-password' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    console.error(`soak (${stack}): data ready in ${Math.round((Date.now() - prepStarted) / 1000)} s`);
    const db = createDb(databaseUrl);
    const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
    const adminToken = (await createSession(db, admin.id)).token;

    const reader = startApp('reader', 3100 + crypto.randomInt(400), env);
    const adminApp = startApp('admin', 3500 + crypto.randomInt(400), env);
    const worker = startWorker(env);
    procs.push(reader, adminApp, worker);
    await Promise.all([waitForHttp(reader), waitForHttp(adminApp)]);
    const R = `http://127.0.0.1:${reader.port}`;
    const A = `http://127.0.0.1:${adminApp.port}`;
    const adminCookie = `lede_admin_session=${adminToken}`;

    // Readers: each gets its cookie from a first visit, as a browser does.
    const readers: Reader[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await fetch(`${R}/`, { redirect: 'manual' });
      await res.arrayBuffer();
      const rid = /lede_rid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      if (!rid) throw new Error(`the reader app set no lede_rid cookie (status ${res.status})`);
      readers.push({ cookie: `lede_rid=${rid}`, articles: [], requestId: null, cursor: null });
    }
    const stats = new Map<Op, { ms: number[]; non2xx: number }>();
    const all: number[] = [];
    let rateLimited = 0;
    let networkErrors = 0;
    const firstErrors: string[] = [];
    const record = (op: Op, ms: number, status: number, what: string) => {
      const s = stats.get(op) ?? { ms: [], non2xx: 0 };
      stats.set(op, s);
      s.ms.push(ms);
      all.push(ms);
      if (status === 429) rateLimited += 1;
      else if (status < 200 || status >= 300) {
        s.non2xx += 1;
        if (firstErrors.length < 10) firstErrors.push(`${op} ${what} -> ${status}`);
      }
    };

    const trpcGet = (p: string, input: unknown) => `/api/trpc/${p}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const rng = () => crypto.randomInt(1_000_000) / 1_000_000;
    const pickOp = (): Op => {
      let x = rng() * WEIGHTS.reduce((s, [, w]) => s + w, 0);
      for (const [op, w] of WEIGHTS) if ((x -= w) < 0) return op;
      return 'feed-page';
    };
    const one = async (r: Reader, op: Op) => {
      let url: string;
      let init: RequestInit = { headers: { cookie: r.cookie } };
      const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { cookie: r.cookie, 'content-type': 'text/plain', origin: R } });
      if (op === 'feed-page') url = `${R}/`;
      else if (op === 'feed-next' || (!r.requestId && (op === 'click' || op === 'seen'))) {
        url = `${R}${trpcGet('feed.list', { limit: 20, cursor: op === 'feed-next' ? r.cursor : null })}`;
        op = 'feed-next';
      } else if (op === 'click') {
        const articleId = r.articles[crypto.randomInt(r.articles.length)]!;
        url = `${R}/api/events`;
        init = post({ events: [{ clientEventId: crypto.randomUUID(), type: 'CLICK', articleId, requestId: r.requestId, position: crypto.randomInt(20) }] });
      } else if (op === 'seen') {
        url = `${R}/api/events`;
        init = post({ seen: [{ requestId: r.requestId, items: r.articles.slice(0, 8).map((articleId, position) => ({ articleId, position })) }] });
      } else if (op === 'search') url = `${R}${trpcGet('search.query', { q: QUERIES[crypto.randomInt(QUERIES.length)] })}`;
      else if (op === 'article') url = r.articles.length ? `${R}/article/${encodeURIComponent(r.articles[crypto.randomInt(r.articles.length)]!)}` : `${R}/`;
      else {
        url = `${A}${ADMIN_PAGES[crypto.randomInt(ADMIN_PAGES.length)]}`;
        init = { headers: { cookie: adminCookie } };
      }
      const t0 = performance.now();
      try {
        const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(60 * SECOND_MS) });
        const body = await res.text();
        record(op, performance.now() - t0, res.status, url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '').slice(0, 80));
        if (op === 'feed-next' && res.ok) {
          const page = (JSON.parse(body) as { result: { data: { json: { requestId: string; nextCursor: string | null; items: { id: string }[] } } } }).result.data.json;
          r.requestId = page.requestId;
          r.cursor = page.nextCursor;
          if (page.items.length) r.articles = page.items.map((i) => i.id);
        }
      } catch (err) {
        networkErrors += 1;
        record(op, performance.now() - t0, 0, `${url.slice(0, 60)} ${err instanceof Error ? err.message : String(err)}`);
      }
    };

    // Warm-up: every reader's first feed page (JIT, caches), then the memory figure at start.
    for (const r of readers) await one(r, 'feed-next');
    for (const op of ['feed-page', 'article', 'search', 'admin'] as Op[]) await one(readers[0]!, op);
    stats.clear();
    all.length = 0;
    rateLimited = 0;
    firstErrors.length = 0;
    const rssStart = rssMb(reader.child.pid!);

    let importJob: string | null = null;
    let runId: string | null = null;
    if (stack === 'postgresql') {
      // The worker's import: an upload of 2,000 articles the database does not hold yet, through the admin app.
      const lines = fs.readFileSync(path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl'), 'utf8').split('\n').slice(0, 2000);
      const jsonl = lines.map((l) => l.replace(/"id": "([^"]+)"/, '"id": "soak-$1"')).join('\n');
      const form = new FormData();
      form.append('file', new Blob([jsonl]), 'soak.jsonl');
      const up = await fetch(`${A}/api/uploads`, { method: 'POST', body: form, headers: { cookie: adminCookie, origin: A } });
      const upBody = await up.text();
      if (!up.ok) throw new Error(`upload refused: ${up.status} ${upBody}`);
      importJob = (JSON.parse(upBody) as { jobId: string }).jobId;
      const tr = await fetch(`${A}/api/trpc/admin.training.start`, {
        method: 'POST',
        body: JSON.stringify({ json: { days: 3, epochs: 2 } }),
        headers: { cookie: adminCookie, origin: A, 'content-type': 'application/json' },
      });
      const trBody = await tr.text();
      if (!tr.ok) throw new Error(`training start refused: ${tr.status} ${trBody}`);
      runId = (JSON.parse(trBody) as { result: { data: { json: { id: string } } } }).result.data.json.id;
      console.error(`soak (${stack}): upload ${importJob} and training run ${runId} queued`);
    }

    console.error(`soak (${stack}): ${opts.seconds} s of mixed traffic, ${connections} connections`);
    const until = Date.now() + opts.seconds * SECOND_MS;
    const started = Date.now();
    const series = [{ t_s: 0, mb: rssStart }];
    const sampler = setInterval(
      () => series.push({ t_s: Math.round((Date.now() - started) / SECOND_MS), mb: rssMb(reader.child.pid!) }),
      (opts.sampleS ?? 15) * SECOND_MS,
    );
    await Promise.all(
      Array.from({ length: connections }, async (_, c) => {
        while (Date.now() < until) await one(readers[(c + crypto.randomInt(readers.length)) % readers.length]!, pickOp());
      }),
    );
    clearInterval(sampler);
    const rssEnd = rssMb(reader.child.pid!);
    series.push({ t_s: Math.round((Date.now() - started) / SECOND_MS), mb: rssEnd });
    const rssMid = series.reduce((best, x) => (Math.abs(x.t_s - opts.seconds / 2) < Math.abs(best.t_s - opts.seconds / 2) ? x : best)).mb;

    let importOutcome: string | undefined;
    let trainingOutcome: string | undefined;
    if (importJob) {
      const st = await fetch(`${A}/api/uploads/${encodeURIComponent(importJob)}`, { headers: { cookie: adminCookie } });
      const view = (await st.json()) as { state: string; summary: { articles: number } | null; error: string | null };
      importOutcome = `${view.state}${view.summary ? `, ${view.summary.articles} articles` : ''}${view.error ? `, ${view.error}` : ''}`;
    }
    if (runId) {
      const run = await db.trainingRun.findUniqueOrThrow({ where: { id: runId } });
      trainingOutcome = `${run.status}`;
    }
    await db.$disconnect();

    const pct = (xs: number[], q: number) => (xs.length ? Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!) : 0);
    const byOp = Object.fromEntries([...stats].map(([op, s]) => [op, { requests: s.ms.length, non_2xx: s.non2xx, p99_ms: pct(s.ms, 0.99) }]));
    return {
      stack: stack === 'postgresql' ? 'postgresql+redis' : 'embedded',
      seconds: opts.seconds,
      connections,
      requests: all.length,
      non_2xx: [...stats.values()].reduce((s, x) => s + x.non2xx, 0),
      rate_limited_429: rateLimited,
      network_errors: networkErrors,
      p50_ms: pct(all, 0.5),
      p99_ms: pct(all, 0.99),
      by_op: byOp,
      reader_rss_start_mb: rssStart,
      reader_rss_mid_mb: rssMid,
      reader_rss_end_mb: rssEnd,
      reader_rss_series: series,
      reader_rss_slope_last_half_mb_per_min: slopePerMinute(series.filter((x) => x.t_s >= opts.seconds / 2)),
      ...(importOutcome ? { import: importOutcome } : {}),
      ...(trainingOutcome ? { training: trainingOutcome } : {}),
      first_errors: firstErrors,
    };
  } finally {
    await Promise.all(procs.map((p) => stop(p)));
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Least-squares slope of `mb` over `t_s`, MB per minute (0 with fewer than two points). */
export function slopePerMinute(points: { t_s: number; mb: number }[]): number {
  if (points.length < 2) return 0;
  const mt = points.reduce((s, p) => s + p.t_s, 0) / points.length;
  const mm = points.reduce((s, p) => s + p.mb, 0) / points.length;
  const cov = points.reduce((s, p) => s + (p.t_s - mt) * (p.mb - mm), 0);
  const vt = points.reduce((s, p) => s + (p.t_s - mt) ** 2, 0);
  return vt ? Math.round((cov / vt) * 60 * 10) / 10 : 0;
}

/** The Redis URL with database number `n`. */
export function redisDb(url: string, n: number): string {
  const u = new URL(url);
  u.pathname = `/${n}`;
  return u.toString();
}
