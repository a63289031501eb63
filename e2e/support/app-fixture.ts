import { test as base, type Page } from '@playwright/test';
import { _electron, type ElectronApplication } from 'playwright-core';
import { launchChromium } from './browser.js';
import { guardCsp } from './csp-guard.js';
import { startHostApp, ROOT, type HostApp } from './host-app.js';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore: plain ESM helper shared with the start script
import { electronBinary } from '../../build/electron-binary.mjs';

interface AppFixture {
  /** Tests that set up scenes through the contract socket run in host mode even where Electron exists. */
  hostOnly: boolean;
  /** Extra environment for the host-mode app process (e.g. SKYWALL_FFMPEG); host mode only. */
  hostEnv: Record<string, string>;
  app: { page: Page; mode: 'host' | 'electron'; host?: HostApp };
}

/** Electron when its binary is present, else host mode in Debian's Chromium: same renderer, same contract. */
export const test = base.extend<AppFixture>({
  hostOnly: [false, { option: true }],
  hostEnv: [{}, { option: true }],
  app: async ({ hostOnly, hostEnv }, use) => {
    const bin: string | undefined = electronBinary();
    if (bin && !hostOnly && !process.env.SKYWALL_FORCE_HOST) {
      const electron: ElectronApplication = await _electron.launch({ executablePath: bin, args: [ROOT, '--no-sandbox'] });
      const page = await electron.firstWindow();
      const csp = await guardCsp(page);
      await use({ page, mode: 'electron' });
      await electron.close();
      csp.expectNone();
      return;
    }
    const host = await startHostApp({ env: hostEnv });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Every page fails its test on a CSP violation (the policy must hold without reports).
    const csp = await guardCsp(page);
    await page.goto(host.url);
    await use({ page, mode: 'host', host });
    await browser.close();
    await host.stop();
    csp.expectNone();
  },
});

export { expect } from '@playwright/test';
