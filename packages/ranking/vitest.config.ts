import { defineConfig } from 'vitest/config';

import { testEnv } from '../../vitest.shared';

export default defineConfig({
  test: {
    name: '@lede/ranking',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: testEnv,
  },
});
