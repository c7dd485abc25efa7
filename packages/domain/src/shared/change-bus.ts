import crypto from 'node:crypto';

import { Redis } from 'ioredis';

import { apiEnv } from './env';
import { createLogger } from './logger';

/**
 * Named channels every API process hears: a change one process makes (a click, an editorial decision) is
 * published once and each process updates its own caches. With REDIS_URL the channels are Redis pub/sub
 * (`lede:change:<name>`); without, one process is all there is and delivery stays in-process. Messages are
 * small strings (ids, stamps); a publisher hears its own messages at once, not back through Redis.
 */
export interface ChangeBus {
  publish(channel: string, message: string): void;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): () => void;
}

/** The channels in use: one name each, so publishers and subscribers cannot drift apart. */
export const CHANGE_CHANNELS = {
  /** Reader ids (comma-separated) whose profile or ranking inputs changed. */
  readers: 'readers',
  /** One reader's new clicks (JSON `{ r: readerId, c: [[articleId, epoch ms]] }`). */
  clicks: 'clicks',
  /** Articles changed (editorial decisions, imports, vectors): the message is a reason for the log. */
  articles: 'articles',
} as const;

const log = createLogger('change-bus');
const PREFIX = 'lede:change:';

class LocalBus implements ChangeBus {
  protected readonly handlers = new Map<string, Set<(message: string) => void>>();

  publish(channel: string, message: string): void {
    this.deliver(channel, message);
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  protected deliver(channel: string, message: string) {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch (err) {
        log.error('change handler failed', { channel, err });
      }
    }
  }
}

class RedisBus extends LocalBus {
  /** Tells this process's messages from others' when Redis echoes them back. */
  private readonly origin = crypto.randomUUID();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(private readonly url: string) {
    super();
  }

  override publish(channel: string, message: string): void {
    this.deliver(channel, message);
    this.publisher ??= this.connect();
    this.publisher.publish(PREFIX + channel, `${this.origin}\n${message}`).catch((err: unknown) => log.error('publish failed', { channel, err }));
  }

  override subscribe(channel: string, handler: (message: string) => void): () => void {
    if (!this.subscriber) {
      this.subscriber = this.connect();
      this.subscriber.on('message', (full: string, payload: string) => {
        const cut = payload.indexOf('\n');
        if (payload.slice(0, cut) !== this.origin) this.deliver(full.slice(PREFIX.length), payload.slice(cut + 1));
      });
    }
    if (!this.handlers.has(channel)) this.subscriber.subscribe(PREFIX + channel).catch((err: unknown) => log.error('subscribe failed', { channel, err }));
    return super.subscribe(channel, handler);
  }

  private connect(): Redis {
    const c = new Redis(this.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    c.on('error', (err) => log.error('redis connection error', { err }));
    // Pub/sub must not keep a finished CLI or test process alive.
    c.on('connect', () => c.stream.unref());
    return c;
  }
}

const busKey = Symbol.for('lede.changeBus');

/**
 * The process's one bus (on globalThis: a bundler may give the API's modules several copies per process,
 * and they must share subscriptions). Redis when REDIS_URL is set.
 */
export function changeBus(): ChangeBus {
  const g = globalThis as { [busKey]?: ChangeBus };
  g[busKey] ??= apiEnv.REDIS_URL ? new RedisBus(apiEnv.REDIS_URL) : new LocalBus();
  return g[busKey];
}

/** A bus that delivers in-process only (tests, and the default without REDIS_URL). */
export function createLocalBus(): ChangeBus {
  return new LocalBus();
}

/** A bus on the Redis at `url` (tests of cross-process delivery). */
export function createRedisBus(url: string): ChangeBus {
  return new RedisBus(url);
}
