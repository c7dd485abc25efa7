'use client';

import { type RefObject, useEffect } from 'react';

import { markSeen } from './events';

const VISIBLE_RATIO = 0.5;
const VISIBLE_MS = 500;

/**
 * Marks a card seen once at least half of it has been on screen for 500 ms without interruption. Cards that
 * are served but scrolled past quickly, or never reached, produce no impression.
 */
export function useSeen(ref: RefObject<HTMLElement | null>, item: { requestId: string; articleId: string; position: number }) {
  const { requestId, articleId, position } = item;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry && entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO) {
          timer ??= setTimeout(() => {
            markSeen({ requestId, articleId, position });
            observer.disconnect();
          }, VISIBLE_MS);
        } else if (timer) {
          clearTimeout(timer);
          timer = undefined;
        }
      },
      { threshold: [0, VISIBLE_RATIO, 1] },
    );
    observer.observe(el);
    return () => {
      if (timer) clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref, requestId, articleId, position]);
}
