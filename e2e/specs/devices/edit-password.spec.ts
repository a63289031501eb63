// A camera added with a wrong password says "authentication failed" on its tile and in the tree;
// the operator edits the device's password, and the same camera, still on the same tile, plays.
import { expect, test } from '../../support/app-fixture.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

test('editing a device password keeps its camera on the wall and it plays again', async ({ app }) => {
  const { page } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port, ['--auth', 'admin:Right-Pass1']);
  try {
    await page.getByTestId('add-camera').click();
    await page.getByTestId('add-tab-url').click();
    await page.getByTestId('form-name').fill('东门 <b>1</b>');
    await page.getByTestId('form-mainUrl').fill(`rtsp://127.0.0.1:${port}/demo/h264`);
    await page.getByTestId('form-username').fill('admin');
    await page.getByTestId('form-password').fill('wrong');
    await page.getByTestId('form-submit').click();
    await expect(page.getByTestId('add-camera-form')).toHaveCount(0);

    // A name with markup is shown as the text it is.
    const row = page.getByTestId('camera-item').filter({ hasText: '东门' });
    await expect(row).toContainText('东门 <b>1</b>');
    await expect(page.locator('.sw-tree b')).toHaveCount(0);

    await page.getByTestId('layout-select').selectOption('1x1');
    await row.dragTo(page.getByTestId('tile').first());
    const tile = page.getByTestId('tile').first();
    await expect(tile).toHaveAttribute('data-state', 'auth_failed', { timeout: 15_000 });
    // The tree says so too, once the refusal is kept with the device.
    await expect(row.getByTestId('camera-status')).toHaveAttribute('class', /auth_failed/);

    await page.getByTestId('edit-device').first().click();
    await expect(page.getByTestId('device-editor')).toBeVisible();
    await expect(page.getByTestId('edit-refused')).toContainText('拒绝');
    await page.screenshot({ path: test.info().outputPath('edit-device-refused.png') });
    await page.getByTestId('edit-password').fill('Right-Pass1');
    await page.getByTestId('edit-save').click();
    await expect(page.getByTestId('device-editor')).toHaveCount(0);

    await expectAdvancing(page, [0]);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('on-wall-mark')).toHaveCount(1);
  } finally {
    await camera.stop();
  }
});
