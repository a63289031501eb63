import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { launchChromium } from '../../support/browser.js';
import { guardCsp } from '../../support/csp-guard.js';
import { startHostApp, type HostApp } from '../../support/host-app.js';
import { expectAdvancing } from '../../support/video-probe.js';

test('主程序被结束后只显示一条提示；主程序重新启动后页面自动重连，窗格重新播放', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-e2e-restart-'));
  const browser = await launchChromium();
  let host: HostApp | undefined = await startHostApp({ dataDir });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const csp = await guardCsp(page);
    await page.goto(host.url);
    await expectAdvancing(page, [0, 1]);
    await expect(page.getByTestId('live-count')).toHaveText('实时 2/2 路');

    await host.kill();
    host = undefined;
    // One banner for the whole window, not a countdown per tile.
    await expect(page.getByTestId('connection-lost')).toHaveCount(1);
    await expect(page.getByTestId('connection-lost')).toContainText('连接已断开');

    // The host comes back on the same data (and, remembered, the same port): the page finds it by itself.
    host = await startHostApp({ dataDir });
    await expect(page.getByTestId('connection-lost')).toHaveCount(0, { timeout: 20_000 });
    await expectAdvancing(page, [0, 1], 30_000);
    await expect(page.getByTestId('live-count')).toHaveText('实时 2/2 路');
    csp.expectNone();
  } finally {
    await browser.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
