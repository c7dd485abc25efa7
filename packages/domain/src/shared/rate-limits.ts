import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import { apiEnv, type TApiEnv } from './env';
import { AppError } from './errors';

/**
 * Request budgets (rate-limiter-flexible): in memory on the embedded default, shared through Redis when
 * REDIS_URL is set, so several app processes count together. Each budget is configured by one env variable
 * (see README, "Security"); 0 turns it off.
 */
export type TQuota = 'events' | 'seen' | 'search' | 'signup-ip' | 'new-reader-ip';
type TLimit = TQuota | 'signin-account' | 'signin-ip' | 'signin-blocks';

interface LimitSpec {
  points: number;
  durationS: number;
}

const SIGNIN_ACCOUNT_WINDOW_S = 15 * 60;
/** The first account lock lasts 15 min, and each further one within a day twice as long, up to a day. */
const SIGNIN_BLOCK_BASE_S = 15 * 60;
const SIGNIN_BLOCK_MAX_S = 24 * 3600;

function specsFrom(env: TApiEnv): Record<TLimit, LimitSpec> {
  return {
    'signin-account': { points: env.LEDE_RATE_SIGNIN_ACCOUNT, durationS: SIGNIN_ACCOUNT_WINDOW_S },
    'signin-ip': { points: env.LEDE_RATE_SIGNIN_IP, durationS: 3600 },
    'signin-blocks': { points: 1_000_000, durationS: 24 * 3600 },
    'signup-ip': { points: env.LEDE_RATE_SIGNUP_IP, durationS: 3600 },
    'new-reader-ip': { points: env.LEDE_RATE_NEW_READERS_IP, durationS: 3600 },
    events: { points: env.LEDE_RATE_EVENTS_PER_MIN, durationS: 60 },
    seen: { points: env.LEDE_RATE_SEEN_PER_MIN, durationS: 60 },
    search: { points: env.LEDE_RATE_SEARCH_PER_MIN, durationS: 60 },
  };
}

export class RateLimits {
  private readonly limiters = new Map<TLimit, RateLimiterAbstract>();
  private readonly specs: Record<TLimit, LimitSpec>;

  constructor(
    env: TApiEnv,
    private readonly redis?: Redis,
  ) {
    this.specs = specsFrom(env);
  }

  private limiter(name: TLimit): RateLimiterAbstract | null {
    const spec = this.specs[name];
    if (spec.points <= 0) return null;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const opts = { keyPrefix: `lede-rl:${name}`, points: spec.points, duration: spec.durationS };
      // Redis down: count in this process rather than refuse every request or let every one through.
      limiter = this.redis ? new RateLimiterRedis({ ...opts, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(opts) }) : new RateLimiterMemory(opts);
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Spends `points` of a budget; over it, a TOO_MANY_REQUESTS error with the wait. */
  async consume(name: TQuota, key: string, points = 1): Promise<void> {
    try {
      await this.limiter(name)?.consume(key, points);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw tooMany(err.msBeforeNext);
      throw err;
    }
  }

  /** Refuses a sign-in attempt while the account or the address is locked out (before the password is checked). */
  async assertSignInAllowed(email: string, ip: string | null): Promise<void> {
    const checks: [TLimit, string | null][] = [
      ['signin-account', email],
      ['signin-ip', ip],
    ];
    for (const [name, key] of checks) {
      const limiter = this.limiter(name);
      if (!limiter || !key) continue;
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= this.specs[name].points) throw tooMany(res.msBeforeNext);
    }
  }

  /** Counts a wrong password; the failure that reaches the account's limit locks it, twice as long each time. */
  async recordSignInFailure(email: string, ip: string | null): Promise<void> {
    const byIp = this.limiter('signin-ip');
    if (byIp && ip) await byIp.penalty(ip);
    const byAccount = this.limiter('signin-account');
    if (!byAccount) return;
    const res = await byAccount.penalty(email);
    if (res.consumedPoints < this.specs['signin-account'].points) return;
    const locks = await this.limiter('signin-blocks')!.penalty(email);
    await byAccount.block(email, Math.min(SIGNIN_BLOCK_MAX_S, SIGNIN_BLOCK_BASE_S * 2 ** (locks.consumedPoints - 1)));
  }

  async recordSignInSuccess(email: string): Promise<void> {
    await this.limiter('signin-account')?.delete(email);
  }
}

export function tooMany(msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new AppError('TOO_MANY_REQUESTS', `Too many attempts: try again in ${wait}`, seconds);
}

let shared: RateLimits | undefined;

/** The process's rate limits, on Redis when REDIS_URL is set. */
export function rateLimits(): RateLimits {
  // rate-limiter-flexible wants a connection that fails fast instead of queueing while Redis is away.
  shared ??= new RateLimits(apiEnv, apiEnv.REDIS_URL ? new Redis(apiEnv.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined);
  return shared;
}
