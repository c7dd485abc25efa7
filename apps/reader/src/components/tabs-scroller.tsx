'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * Horizontal scroller for the section tabs: where tabs are cut off, a fade and an arrow on that side say there
 * is more, and the arrow scrolls by most of a screen. The arrows are for pointers only (hidden from assistive
 * technology and the tab order): keyboard and screen reader users reach every tab as a link, and the current
 * one is scrolled into view.
 */
export function TabsScroller({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setEdges({ left: el.scrollLeft > 4, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 4 });
    el.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'center' });
    update();
    el.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      el.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, []);

  const scrollBy = (direction: 1 | -1) => ref.current?.scrollBy({ left: direction * ref.current.clientWidth * 0.8, behavior: 'smooth' });
  const arrow = 'absolute inset-y-0 z-10 flex w-12 items-center text-xl font-semibold text-ink';

  return (
    <div className="relative -mx-4 border-b border-rule">
      <div ref={ref} className="overflow-x-auto px-4 [scrollbar-width:thin]">
        {children}
      </div>
      {edges.left ? (
        <button type="button" aria-hidden="true" tabIndex={-1} onClick={() => scrollBy(-1)} className={`${arrow} left-0 justify-start bg-gradient-to-r from-paper from-40% to-transparent pl-2`}>
          ‹
        </button>
      ) : null}
      {edges.right ? (
        <button type="button" aria-hidden="true" tabIndex={-1} onClick={() => scrollBy(1)} className={`${arrow} right-0 justify-end bg-gradient-to-l from-paper from-40% to-transparent pr-2`}>
          ›
        </button>
      ) : null}
    </div>
  );
}
