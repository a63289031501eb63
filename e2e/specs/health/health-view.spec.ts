import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';

test.use({ hostOnly: true });

test('设备健康 lists what is down by area with since when and why, and exports it as CSV that Excel reads', async ({ app }) => {
  const { page, host } = app;
  const livePort = await freePort();
  const deadPort = await freePort(); // nothing listens here
  const camera = await startDemoCamera(livePort);
  const contract = await connectContract(host!);
  const folder = await mkdtemp(path.join(tmpdir(), 'skywall-health-'));
  try {
    const add = (name: string, port: number, area: string[]) =>
      contract.call('sw:devices:add', {
        name,
        kind: 'rtsp',
        host: '127.0.0.1',
        port,
        area,
        cameras: [{ id: `cam-${port}`, name: `${name} 1 号`, ptz: false, sources: [{ profile: 'main', url: `rtsp://127.0.0.1:${port}/demo/h264` }] }],
      });
    await add('西河村委会', deadPort, ['平安县', '西河乡', '西河村']);
    await add('东城派出所', livePort, ['平安县', '东城镇']);

    await page.getByTestId('health-open').click();
    const view = page.getByTestId('health-view');
    await expect(view).toBeVisible();
    // The first round is quick; then exactly the dead device is listed, with its area and why.
    const rows = page.getByTestId('health-row');
    await expect(rows).toHaveCount(1, { timeout: 20_000 });
    await expect(rows.first()).toContainText('平安县 / 西河乡 / 西河村');
    await expect(rows.first()).toContainText('西河村委会');
    await expect(rows.first()).toContainText('离线');
    await expect(rows.first()).toContainText('无法连接');
    await expect(rows.first()).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    await expect(page.getByTestId('health-counts')).toContainText('离线 1 · 认证失败 0');
    // Everything, sorted by area: 东城镇 (dōng) before 西河乡 (xī).
    await page.getByTestId('health-all').check();
    await expect(rows.first()).toContainText('东城派出所');
    await page.getByTestId('health-all').uncheck();
    await page.screenshot({ path: 'test-results/health-view.png' });

    await page.getByTestId('health-export-folder').fill(folder);
    await page.getByTestId('health-export').click();
    await expect(page.getByTestId('health-export-result')).toContainText('已导出 1 行');
    const [file] = await readdir(folder);
    expect(file).toMatch(/^设备健康-\d{8}-\d{6}\.csv$/);
    const bytes = await readFile(path.join(folder, file!));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('区域,设备,地址,通道,状态,自何时起,原因');
    expect(lines[1]).toMatch(/^平安县 \/ 西河乡 \/ 西河村,西河村委会,127\.0\.0\.1,全部 1 路,离线,\d{4}-\d\d-\d\d \d\d:\d\d,无法连接$/);

    // A folder that does not exist is named, nothing is lost.
    await page.getByTestId('health-export-folder').fill(path.join(folder, 'missing'));
    await page.getByTestId('health-export').click();
    await expect(page.getByTestId('health-export-result')).toContainText('未找到');
  } finally {
    contract.close();
    await camera.stop();
    await rm(folder, { recursive: true, force: true });
  }
});
