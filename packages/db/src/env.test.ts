import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { dataDir, dbEnv, repoRoot } from './env';

// `npm test` after `npm run demo` used to overwrite data/admin-password.txt (and could write uploads,
// checkpoints and trained weights into data/): the tests' files must live elsewhere.
describe('the data folder under tests', () => {
  const demoData = path.join(repoRoot, 'data');
  const inside = (p: string) => !path.relative(demoData, p).startsWith('..');

  it('is not the demo’s data folder, nor inside it', () => {
    expect(inside(dataDir)).toBe(false);
  });

  it('holds the default SQLite database when DATABASE_URL is unset', () => {
    if (process.env.DATABASE_URL) return;
    expect(dbEnv.DATABASE_URL).toBe(`file:${path.join(dataDir, 'lede.db')}`);
  });
});
