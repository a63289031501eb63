// The operator, in Chinese, sets a device's stream budget in its editor: a wrong value is named,
// the saved limits are shown again when the editor is reopened, and emptying one removes it.
import { expect, test } from '../../support/app-fixture.js';

test.use({ hostOnly: true });

test('stream budget fields in the device editor: checked, saved, shown again, cleared', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('add-camera').click();
  await page.getByTestId('add-tab-url').click();
  await page.getByTestId('form-name').fill('村口 NVR');
  await page.getByTestId('form-mainUrl').fill('rtsp://10.9.0.1/Streaming/Channels/101');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('add-camera-form')).toHaveCount(0);

  const edit = page.getByTestId('device-item').filter({ hasText: '村口 NVR' }).getByTestId('edit-device');
  await edit.click();
  await expect(page.getByTestId('edit-budget')).toContainText('码流限额');
  await page.getByTestId('edit-maxStreams').fill('0');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('form-error')).toHaveText('最多同时码流数无效：应为 1 到 1024 之间的整数，或留空。');
  await page.getByTestId('edit-maxStreams').fill('2');
  await page.getByTestId('edit-maxMbps').fill('8');
  await page.screenshot({ path: test.info().outputPath('edit-budget.png') });
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('device-editor')).toHaveCount(0);

  await edit.click();
  await expect(page.getByTestId('edit-maxStreams')).toHaveValue('2');
  await expect(page.getByTestId('edit-maxMbps')).toHaveValue('8');
  await page.getByTestId('edit-maxMbps').fill('');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('device-editor')).toHaveCount(0);
  await edit.click();
  await expect(page.getByTestId('edit-maxStreams')).toHaveValue('2');
  await expect(page.getByTestId('edit-maxMbps')).toHaveValue('');
});
