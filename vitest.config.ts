import { defineConfig } from 'vitest/config';

// One run over every package's tests (`npm test` uses this); each package can still run `vitest run` alone.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/worker'],
  },
});
