import type { RouterInputs } from '@lede/api';

export type TReaderEvent = RouterInputs['events']['log']['events'][number];
export type TSeenBatch = RouterInputs['feed']['seen'];

const EVENTS_URL = '/api/events';
/** Past this many seen cards the queue goes out without waiting for the reader to leave. */
const FLUSH_AT = 40;

/** Seen cards not sent yet, by request id (then article id, so a card counts once). */
const pendingSeen = new Map<string, Map<string, number>>();
const sentSeen = new Set<string>();
let listening = false;

/**
 * Sends a batch so it survives the navigation that usually follows: sendBeacon queues the request past page
 * unload; fetch keepalive is the fallback where beacons are missing or their queue is full. The string body
 * goes out as text/plain, which keeps the beacon a simple same-origin request.
 */
function send(body: { events?: TReaderEvent[]; seen?: TSeenBatch[] }): void {
  const text = JSON.stringify(body);
  if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(EVENTS_URL, text)) return;
  fetch(EVENTS_URL, { method: 'POST', body: text, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(() => undefined);
}

function takeSeen(): TSeenBatch[] {
  const batches = [...pendingSeen].map(([requestId, items]) => ({
    requestId,
    items: [...items].map(([articleId, position]) => ({ articleId, position })),
  }));
  pendingSeen.clear();
  return batches;
}

/** Sends events together with every pending impression (one beacon). */
export function sendEvents(events: TReaderEvent[]): void {
  const seen = takeSeen();
  send(seen.length ? { events, seen } : { events });
}

/** Sends pending impressions, if any: on leave (hidden tab, page hide) and when leaving the feed in-app. */
export function flushSeen(): void {
  const seen = takeSeen();
  if (seen.length) send({ seen });
}

function listenForLeave() {
  if (listening) return;
  listening = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushSeen();
  });
  window.addEventListener('pagehide', flushSeen);
}

/** Records that a card was seen (≥50% visible for ≥500 ms); each card of a request counts once. */
export function markSeen(item: { requestId: string; articleId: string; position: number }): void {
  listenForLeave();
  const key = `${item.requestId}|${item.articleId}`;
  if (sentSeen.has(key)) return;
  sentSeen.add(key);
  let batch = pendingSeen.get(item.requestId);
  if (!batch) pendingSeen.set(item.requestId, (batch = new Map<string, number>()));
  batch.set(item.articleId, item.position);
  if ([...pendingSeen.values()].reduce((n, b) => n + b.size, 0) >= FLUSH_AT) flushSeen();
}

/** A click is proof the card was seen: its impression goes out with it, so the click always answers one. */
export function logClick(item: { articleId: string; requestId?: string | null; position?: number | null }): void {
  if (item.requestId && item.position != null) markSeen({ requestId: item.requestId, articleId: item.articleId, position: item.position });
  sendEvents([{ clientEventId: crypto.randomUUID(), type: 'CLICK', ...item }]);
}

export function logDwell(articleId: string, dwellMs: number): void {
  if (dwellMs < 1000) return;
  sendEvents([{ clientEventId: crypto.randomUUID(), type: 'DWELL', articleId, dwellMs: Math.round(dwellMs) }]);
}
