import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e/specs',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: { trace: 'off' },
});
