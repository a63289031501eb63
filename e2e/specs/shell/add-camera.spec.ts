import { expect, test } from '../../support/app-fixture.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test('the operator adds a camera by URL, is told clearly what is wrong, and plays it', async ({ app }) => {
  const { page } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port, ['--auth', 'admin:Gate-Pass9']);
  try {
    await page.getByTestId('add-camera').click();
    await page.getByTestId('add-tab-url').click();
    // A name cannot grow past the limit, and one that got past the field (pasted into a page
    // without the limit) is refused on the name field with the limit named.
    await expect(page.getByTestId('form-name')).toHaveAttribute('maxlength', '64');
    await page.getByTestId('form-name').evaluate((el) => el.removeAttribute('maxlength'));
    await page.getByTestId('form-name').fill('名'.repeat(10_000));
    await page.getByTestId('form-mainUrl').fill(`rtsp://127.0.0.1:${port}/demo/h264`);
    await page.getByTestId('form-submit').click();
    await expect(page.getByTestId('form-error')).toHaveText('名称太长：最多 64 个字符。');
    await expect(page.getByTestId('form-name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('label.sw-field.invalid')).toContainText('名称');
    await page.getByTestId('form-name').fill('东门 1');
    await page.getByTestId('form-mainUrl').fill(`127.0.0.1:${port}/demo/h264`); // no scheme: a common slip
    await page.getByTestId('form-submit').click();
    await expect(page.getByTestId('form-error')).toContainText('地址无效');
    await expect(page.getByTestId('form-name')).toHaveValue('东门 1'); // nothing typed is lost

    // Credentials typed into the URL are moved out of it.
    await page.getByTestId('form-mainUrl').fill(`rtsp://admin:Gate-Pass9@127.0.0.1:${port}/demo/h264`);
    await page.getByTestId('form-submit').click();
    await expect(page.getByTestId('add-camera-form')).toHaveCount(0);
    // The demo device stays listed beside the configured one.
    await expect(page.getByTestId('device-item')).toHaveCount(2);
    await expect(page.getByTestId('device-item').filter({ hasText: '东门 1' })).toHaveCount(1);

    await page.getByTestId('layout-select').selectOption('1x1');
    await page.getByTestId('tile').first().click();
    await page.getByTestId('camera-item').filter({ hasText: '东门 1' }).first().dblclick();
    await expectAdvancing(page, [0]);

    // Removing asks first; once the undo notice is closed the device is gone and only the demo is left.
    await page.getByTestId('remove-device').click();
    await page.getByTestId('tree-remove-ok').click();
    await page.getByTestId('tree-undo-close').click();
    await expect(page.getByTestId('device-item')).toHaveCount(1);
    await expect(page.getByTestId('device-item').first()).toContainText('演示');
  } finally {
    await camera.stop();
  }
});
