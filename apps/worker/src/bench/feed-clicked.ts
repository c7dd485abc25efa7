import autocannon from 'autocannon';

import { BENCH_READERS as READERS } from './feed-seed';

const CONNECTIONS = 8;

export const FEED_PATH = `/feed.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;

/** What a reader last saw: the request and its first card, which the reader clicks next. */
interface LastPage {
  requestId: string;
  articleId: string;
}

interface FeedPage {
  result: { data: { json: { requestId: string; items: { id: string }[] } } };
}

/**
 * The state a "just clicked" round starts from: every reader's last page, so each measured feed request can be
 * preceded by a click on a card that reader was served (a feed click, stored only against the served log).
 */
export class ClickedReaders {
  private readonly last = new Map<string, LastPage>();
  private next = 0;
  private clicks = 0;

  constructor(private readonly port: number) {}

  /** Requests every reader's feed once (the window, and a page to click on). */
  async warm(): Promise<void> {
    for (let r = 0; r < READERS; r++) await this.feed(`bench-reader-${r}`);
  }

  /**
   * `connections` readers at a time, each looping: click the first card of their last page (events.log, as the
   * reader app's beacon sends it; not timed), read it for `readMs`, then request the feed (timed). Readers are
   * taken in turn, so no two connections click for one reader at once.
   */
  async round(seconds: number, { connections = CONNECTIONS, readMs = 0 } = {}): Promise<{ latencies: number[]; rps: number }> {
    const latencies: number[] = [];
    const until = Date.now() + seconds * 1000;
    const loop = async () => {
      while (Date.now() < until) {
        const readerId = `bench-reader-${this.next++ % READERS}`;
        await this.click(readerId);
        if (readMs) await new Promise((resolve) => setTimeout(resolve, readMs));
        const started = performance.now();
        await this.feed(readerId);
        latencies.push(performance.now() - started);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: connections }, loop));
    return { latencies, rps: Math.round(latencies.length / ((Date.now() - started) / 1000)) };
  }

  private async click(readerId: string): Promise<void> {
    const last = this.last.get(readerId);
    if (!last) throw new Error(`no page served to ${readerId} yet`);
    const body = { json: { events: [{ clientEventId: `bench-click-${Date.now()}-${this.clicks++}`, type: 'CLICK', articleId: last.articleId, requestId: last.requestId }] } };
    const res = await fetch(`http://127.0.0.1:${this.port}/events.log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-reader-id': readerId },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`click failed: ${res.status} ${await res.text()}`);
    const stored = ((await res.json()) as { result: { data: { json: { stored: number } } } }).result.data.json.stored;
    if (stored !== 1) throw new Error(`click not stored for ${readerId}`);
  }

  private async feed(readerId: string): Promise<void> {
    const res = await fetch(`http://127.0.0.1:${this.port}${FEED_PATH}`, { headers: { 'x-reader-id': readerId } });
    if (!res.ok) throw new Error(`feed request failed: ${res.status} ${await res.text()}`);
    const page = ((await res.json()) as FeedPage).result.data.json;
    if (!page.items[0]) throw new Error(`empty feed for ${readerId}`);
    this.last.set(readerId, { requestId: page.requestId, articleId: page.items[0].id });
  }
}

/** p-th quantile (0–1) of `xs`, rounded to the millisecond as autocannon reports. */
export function quantile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
}

/**
 * Alternates rounds of health.ping (autocannon, 8 connections) with "just clicked" rounds (`reading`: how many
 * readers at once and how long each reads the story before coming back; default 8 who come back at once), so
 * a change in background load hits both alike; medians over rounds, the ratio is the median of the rounds' p99
 * ratios.
 */
export async function alternateClicked(port: number, readers: ClickedReaders, seconds: number, roundS: number, reading: { connections?: number; readMs?: number } = {}) {
  const rounds = Math.max(1, Math.round(seconds / roundS));
  const results: { pingP99: number; p50: number; p99: number; rps: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const ping = await autocannon({ url: `http://127.0.0.1:${port}/health.ping`, connections: CONNECTIONS, duration: roundS });
    if (ping.non2xx || ping.errors || !ping.requests.total) throw new Error(`health.ping failed: ${ping.non2xx} non-2xx + ${ping.errors} errors`);
    const clicked = await readers.round(roundS, reading);
    if (!clicked.latencies.length) throw new Error('no feed request completed within a round: the machine is overloaded, try a longer --round');
    results.push({ pingP99: ping.latency.p99, p50: quantile(clicked.latencies, 0.5), p99: quantile(clicked.latencies, 0.99), rps: clicked.rps });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    rps: median(results.map((r) => r.rps)),
    ratio: Number(median(results.map((r) => r.p99 / Math.max(r.pingP99, 1))).toFixed(2)),
  };
}
