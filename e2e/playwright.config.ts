import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig, devices } from '@playwright/test';

import { ADMIN_PASSWORD, ADMIN_PORT, ADMIN_URL, E2E_DATA_DIR, E2E_DATABASE_URL, E2E_REDIS_URL, E2E_SCALE, READER_PORT, READER_URL } from './support/env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const serverEnv = {
  DATABASE_URL: E2E_DATABASE_URL,
  LEDE_DATA_DIR: E2E_DATA_DIR,
  LEDE_ADMIN_PASSWORD: ADMIN_PASSWORD,
  LEDE_METRICS_INTERVAL_S: '2',
  // As in the demo (scripts/demo.mjs): the pool holds the whole spread corpus, so every section has depth.
  LEDE_POOL_SIZE: '15000',
  NEXT_TELEMETRY_DISABLED: '1',
  ...(E2E_SCALE ? { E2E_DATABASE_URL, REDIS_URL: E2E_REDIS_URL } : {}),
};
// Test workers inherit this: helpers that seed test accounts open the same database.
process.env.DATABASE_URL = E2E_DATABASE_URL;
if (E2E_SCALE) process.env.REDIS_URL = E2E_REDIS_URL;
process.env.LEDE_DATA_DIR = E2E_DATA_DIR;
// E2E_APPS=reader starts the reader and worker only (for running e2e/reader specs without building the admin).
const readerOnly = process.env.E2E_APPS === 'reader';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: 'artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // `npm test` asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) to count results across runners.
  reporter: [
    ['list'],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
    ...(process.env.CI ? [['html', { outputFolder: 'artifacts/report', open: 'never' }] as ['html', { outputFolder: string; open: 'never' }]] : []),
  ],
  use: {
    baseURL: READER_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  // Playwright starts web servers before globalSetup, so the database is prepared by the first server's
  // command instead: `setup --env e2e` recreates data/e2e/, and the admin and worker start only once the
  // reader answers. The apps must already be built (the turbo `e2e` task depends on both builds). With
  // E2E_SCALE=1 one command starts the scale deployment instead, once setup has recreated its PostgreSQL
  // database; Playwright waits for the round-robin front, which listens once every process answers.
  webServer: E2E_SCALE
    ? [
        {
          name: 'scale',
          command: `node scripts/setup.mjs --env e2e --skip-build && npm run scale -- --reader-port ${READER_PORT} --admin-port ${ADMIN_PORT}`,
          cwd: root,
          url: READER_URL,
          env: serverEnv,
          timeout: 600_000,
          reuseExistingServer: false,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
        },
      ]
    : [
        {
          name: 'reader',
          command: `node scripts/setup.mjs --env e2e --skip-build && npm exec -w @lede/reader -- next start --port ${READER_PORT}`,
          cwd: root,
          url: READER_URL,
          env: serverEnv,
          timeout: 300_000,
          reuseExistingServer: !process.env.CI,
        },
        ...(readerOnly
          ? []
          : [
              {
                name: 'admin',
                command: `npm exec -w @lede/admin -- next start --port ${ADMIN_PORT}`,
                cwd: root,
                url: `${ADMIN_URL}/signin`,
                env: serverEnv,
                timeout: 120_000,
                reuseExistingServer: !process.env.CI,
              },
            ]),
        {
          name: 'worker',
          command: 'npm run start -w @lede/worker',
          cwd: root,
          env: serverEnv,
          wait: { stderr: /worker started/ },
          timeout: 120_000,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
        },
      ],
});
