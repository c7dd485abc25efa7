import { describe, expect, it } from 'vitest';

import { safeRedirectPath } from './safe-redirect';

/** Where a browser lands when a page at `from` redirects to `location`. */
const landing = (location: string, from = 'https://newsroom.example/signin') => new URL(location, from).host;

describe('safeRedirectPath', () => {
  it.each(['/\\evil.com', '/%09/evil.com', '//evil.com', '/\t/evil.com', '/\\/evil.com', 'https://evil.com', '/./\\evil.com', '/..//evil.com', ' //evil.com'])(
    'keeps %j on the site',
    (next) => {
      expect(landing(safeRedirectPath(next))).toBe('newsroom.example');
    },
  );

  it('keeps a same-site path with its query', () => {
    expect(safeRedirectPath('/models?notice=1#top')).toBe('/models?notice=1#top');
    expect(safeRedirectPath('/readers/abc')).toBe('/readers/abc');
    expect(safeRedirectPath(undefined)).toBe('/');
  });
});
