import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

test('添加第一台真实摄像机后，演示摄像机仍在墙上播放，墙不会变黑', async ({ app }) => {
  const { page, host } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    await expectAdvancing(page, [0, 1]);
    await contract.call('sw:devices:add', {
      name: '大门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      cameras: [{ id: 'gate-1', name: '大门入口', ptz: false, sources: [{ profile: 'main', url: `rtsp://127.0.0.1:${port}/demo/h264`, codec: 'h264' }] }],
    });
    await expect(page.getByTestId('camera-item').filter({ hasText: '大门入口' })).toHaveCount(1);
    // The demo stays listed and its tiles keep playing; the new camera goes on a free tile.
    await expect(page.getByTestId('camera-item').filter({ hasText: 'CAM-01' })).toHaveCount(1);
    await expect(page.getByTestId('tile').nth(0)).toContainText('CAM-01');
    await page.getByTestId('tile').nth(2).click();
    await page.getByTestId('camera-item').filter({ hasText: '大门入口' }).dblclick();
    await expectAdvancing(page, [0, 1, 2]);
  } finally {
    contract.close();
    await camera.stop();
  }
});
