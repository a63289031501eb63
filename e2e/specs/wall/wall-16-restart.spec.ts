import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { launchChromium } from '../../support/browser.js';
import { connectContract } from '../../support/contract-client.js';
import { guardCsp } from '../../support/csp-guard.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { startHostApp, type HostApp } from '../../support/host-app.js';
import { expectAdvancing } from '../../support/video-probe.js';
import { dragTo, tileNames } from '../../support/wall-dom.js';

const ALL = Array.from({ length: 16 }, (_, i) => i);

test('拖放组成 16 画面墙，全部播放；主程序被结束并重新启动后，每个窗格恢复原样并重新播放', async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-e2e-wall16-'));
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const browser = await launchChromium();
  let host: HostApp | undefined = await startHostApp({ dataDir });
  try {
    const contract = await connectContract(host);
    const url = `rtsp://127.0.0.1:${port}/demo/h264`;
    await contract.call('sw:devices:add', {
      name: '北区录像机',
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      cameras: Array.from({ length: 14 }, (_, i) => ({ id: `north-${i + 1}`, name: `北区 ${i + 1}`, ptz: false, sources: [{ profile: 'main' as const, url, codec: 'h264' as const }] })),
    });
    contract.close();

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const csp = await guardCsp(page);
    await page.goto(host.url);
    await page.getByTestId('layout-select').selectOption({ label: '16 画面' });
    await expect(page.getByTestId('tile')).toHaveCount(16);
    await expect(page.getByTestId('tile-name')).toHaveCount(2);
    // The first-run demo keeps tiles 1 and 2; the device dragged onto tile 3 fills the 14 free tiles.
    await dragTo(page, page.getByTestId('device-item').filter({ hasText: '北区录像机' }), page.getByTestId('wall-cell').nth(2));
    const demo = (await tileNames(page)).slice(0, 2);
    expect(demo.every((name) => name.startsWith('CAM-0'))).toBe(true);
    const expected = [...demo, ...Array.from({ length: 14 }, (_, i) => `北区 ${i + 1}`)];
    await expect.poll(() => tileNames(page), { timeout: 15_000 }).toEqual(expected);
    // A tile dragged onto another swaps their cameras.
    await dragTo(page, page.getByTestId('wall-cell').nth(0), page.getByTestId('wall-cell').nth(15));
    const swapped = [...expected];
    [swapped[0], swapped[15]] = [expected[15]!, expected[0]!];
    await expect.poll(() => tileNames(page)).toEqual(swapped);
    await expectAdvancing(page, ALL, 90_000);
    await expect(page.getByTestId('live-count')).toHaveText('实时 16/16 路', { timeout: 20_000 });

    await host.kill();
    host = undefined;
    await expect(page.getByTestId('connection-lost')).toHaveCount(1);
    host = await startHostApp({ dataDir });
    await expect(page.getByTestId('connection-lost')).toHaveCount(0, { timeout: 20_000 });
    // Every tile is restored as it was and plays again.
    await expect.poll(() => tileNames(page), { timeout: 15_000 }).toEqual(swapped);
    await expectAdvancing(page, ALL, 90_000);
    await expect(page.getByTestId('live-count')).toHaveText('实时 16/16 路', { timeout: 20_000 });
    csp.expectNone();
  } finally {
    await browser.close();
    await host?.stop();
    await camera.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
