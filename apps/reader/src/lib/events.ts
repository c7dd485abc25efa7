import type { RouterInputs } from '@lede/api';

export type TReaderEvent = RouterInputs['events']['log']['events'][number];

const EVENTS_URL = '/api/events';

/**
 * Sends events so they survive the navigation that usually follows (a click on a card): sendBeacon queues the
 * request past page unload; fetch keepalive is the fallback where beacons are missing or their queue is full.
 * The string body goes out as text/plain, which keeps the beacon a simple same-origin request.
 */
export function sendEvents(events: TReaderEvent[]): void {
  const body = JSON.stringify({ events });
  if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(EVENTS_URL, body)) return;
  fetch(EVENTS_URL, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(
    () => undefined,
  );
}

export function logClick(item: { articleId: string; requestId: string; position: number }): void {
  sendEvents([{ clientEventId: crypto.randomUUID(), type: 'CLICK', ...item }]);
}
