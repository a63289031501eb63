import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { showRtspCameraAlone } from '../../support/rtsp-scene.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

test('a wrong camera password shows "authentication failed" and is not retried in a loop; the right one plays', async ({ app }) => {
  const { page, host } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port, ['--auth', 'admin:Right-Pass1']);
  const contract = await connectContract(host!);
  try {
    const url = `rtsp://127.0.0.1:${port}/demo/h264`;
    await showRtspCameraAlone(contract, { id: 'gate-1', deviceName: 'Gate', url, codec: 'h264', username: 'admin', password: 'wrong' });
    const tile = page.getByTestId('tile').first();
    await expect(tile).toHaveAttribute('data-state', 'auth_failed', { timeout: 15_000 });
    await expect(page.getByTestId('tile-state')).toHaveText('认证失败');
    await expect(page.getByTestId('tile-auth-failed')).toContainText('认证失败：请在设备设置中更正用户名或密码');
    // It stays there, past the longest retry delay (15 s): no silent retry loop against the
    // camera's lockout, and never back to "connecting". Every change of the tile's state is recorded.
    await tile.evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { tileStatesSeen: string[] }).tileStatesSeen = seen;
      new MutationObserver(() => seen.push(el.getAttribute('data-state') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-state'] });
    });
    await page.waitForTimeout(20_000);
    expect(await page.evaluate(() => (window as unknown as { tileStatesSeen: string[] }).tileStatesSeen)).toEqual([]);
    await expect(tile).toHaveAttribute('data-state', 'auth_failed');
    await expect(page.getByTestId('tile-state')).toHaveText('认证失败');
    await expect(page.getByTestId('tile-auth-failed')).toContainText('认证失败：请在设备设置中更正用户名或密码');

    // The operator enters the right password (as a corrected device): it plays.
    await showRtspCameraAlone(contract, { id: 'gate-2', deviceName: 'Gate fixed', url, codec: 'h264', username: 'admin', password: 'Right-Pass1' });
    await expectAdvancing(page, [0]);
  } finally {
    contract.close();
    await camera.stop();
  }
});
