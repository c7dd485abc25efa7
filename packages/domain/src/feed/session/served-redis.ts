import { Redis } from 'ioredis';

import { createLogger } from '../../shared/logger';
import { SECOND_MS } from '../../shared/time';
import type { ServedCard, ServedItem, SharedServedLog } from './served-log';

/**
 * The served log's second level with REDIS_URL: every page a process serves is written to one Redis hash per
 * request (`lede:served:<request id>`: its reader, model version and, per card, `position score`), which
 * expires SERVED_TTL_MS after the request's first page, so any process can verify a card another one served
 * (clicks and impressions arrive round-robin behind several reader processes). The hash's first page claims the
 * request for its reader; a later page for another reader (a cursor passed on) is refused, as in memory.
 */
const PREFIX = 'lede:served:';
/**
 * Cards one request may hold in Redis (50 pages of 20): a reader, or a script, scrolling on for ever must not
 * grow one key without end. Cards past it are verifiable only by the process that served them.
 */
export const SHARED_MAX_CARDS = 1_000;
/**
 * A feed request waits at most this for Redis (a hung server, a connection being set up) before going on without
 * it. Generous: the timer runs on the event loop, so a process busy ranking (a loaded machine) sees a prompt answer
 * late, and at 500 ms the feed bench's two processes at load 14 took answers for outages and dropped clicks.
 */
const TIMEOUT_MS = 2 * SECOND_MS;
/** After Redis failed to answer, the log is per process for this long before it tries Redis again. */
const PAUSE_MS = 5 * SECOND_MS;

// Owner check, claim (reader, version, expiry) and the cards in one step, so two processes serving pages of one
// request at once cannot both claim it. Returns 0 when the request is another reader's.
const RECORD = `
local owner = redis.call('HGET', KEYS[1], 'reader')
if owner and owner ~= ARGV[1] then return 0 end
if not owner then
  redis.call('HSET', KEYS[1], 'reader', ARGV[1], 'version', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
local room = tonumber(ARGV[4]) + 2 - redis.call('HLEN', KEYS[1])
for i = 5, #ARGV, 2 do
  if room > 0 or redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
    room = room - redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
return 1`;

type ServedRedis = Redis & { servedRecord(key: string, ...args: (string | number)[]): Promise<number> };

const log = createLogger('served-log');

export class RedisServedLog implements SharedServedLog {
  private redis: ServedRedis | null = null;
  private pausedUntil = 0;
  private down = false;

  constructor(
    private readonly url: string,
    private readonly ttlMs: number,
    private readonly maxCards = SHARED_MAX_CARDS,
  ) {}

  async record(requestId: string, readerId: string, modelVersion: string, page: readonly ServedCard[]): Promise<boolean> {
    const cards = page.flatMap((c) => [`a:${c.articleId}`, `${c.position} ${c.score}`]);
    // Redis unreachable: the page is still served, and verifiable by this process (its memory).
    const claimed = await this.call((r) => r.servedRecord(PREFIX + requestId, readerId, modelVersion, this.ttlMs, this.maxCards, ...cards));
    return claimed !== 0;
  }

  async find(requestId: string, readerId: string, articleIds: readonly string[]): Promise<Map<string, ServedItem>> {
    const found = new Map<string, ServedItem>();
    const values = await this.call((r) => r.hmget(PREFIX + requestId, 'reader', 'version', ...articleIds.map((id) => `a:${id}`)));
    const [owner, modelVersion, ...cards] = values ?? [];
    if (owner !== readerId || !modelVersion) return found;
    cards.forEach((card, i) => {
      if (!card) return;
      const [position, score] = card.split(' ').map(Number);
      found.set(articleIds[i]!, { position: position!, score: score!, modelVersion });
    });
    return found;
  }

  async cards(requestId: string, readerId: string): Promise<string[]> {
    const fields = (await this.call((r) => r.hgetall(PREFIX + requestId))) ?? {};
    if (fields.reader !== readerId) return [];
    return Object.keys(fields).flatMap((f) => (f.startsWith('a:') ? [f.slice(2)] : []));
  }

  /** Runs a command, or answers null at once while Redis is known to be away (the caller goes on without it). */
  private async call<T>(command: (redis: ServedRedis) => Promise<T>): Promise<T | null> {
    const redis = this.connection();
    if (Date.now() < this.pausedUntil) return null;
    if (['reconnecting', 'close', 'end'].includes(redis.status)) return this.unavailable(`connection ${redis.status}`);
    try {
      const result = await command(redis);
      if (this.down) log.info('Redis answers again: served cards are shared between processes');
      this.down = false;
      return result;
    } catch (err) {
      this.pausedUntil = Date.now() + PAUSE_MS;
      return this.unavailable(err);
    }
  }

  /** Warns once per outage: until it ends, a click or impression on a card another process served is dropped. */
  private unavailable(err: unknown): null {
    if (!this.down) log.warn('Redis is not answering: each process verifies only the cards it served', { err });
    this.down = true;
    return null;
  }

  /** Connected on first use: a process that never serves or verifies a card (a worker) opens no connection. */
  private connection(): ServedRedis {
    if (this.redis) return this.redis;
    // The offline queue holds the first commands while connecting; commandTimeout bounds every wait.
    const redis = new Redis(this.url, { maxRetriesPerRequest: 1, commandTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
    redis.defineCommand('servedRecord', { numberOfKeys: 1, lua: RECORD });
    redis.on('error', () => undefined); // reported once per outage by `call`; ioredis would log every retry
    // Must not keep a finished CLI or test process alive.
    redis.on('connect', () => redis.stream.unref());
    return (this.redis = redis as ServedRedis);
  }
}
