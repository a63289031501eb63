// Screenshots for docs/: run on purpose with `npm run screenshots`, never by the e2e run (which
// must not rewrite tracked files). They overwrite docs/screenshot.png, docs/wall-4.png and docs/wall-16.png.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.screens.ts',
  timeout: 300_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
});
