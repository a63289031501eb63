// The operator, in Chinese, scans for ONVIF devices, adds the demo NVR it finds with its
// password (after being told a wrong one is wrong), sees its four channels in the tree, drags one
// onto a tile, and it plays.
import { expect, test } from '../../support/app-fixture.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

test('scan, add the found NVR with its password, its channels in the tree, drag one to a tile: it plays', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('add-camera').click();
  await page.getByTestId('add-tab-scan').click();

  // Both demo devices answer on loopback; the demo camera is marked as added already.
  const items = page.getByTestId('scan-item');
  await expect(items).toHaveCount(2, { timeout: 10_000 });
  const nvr = items.filter({ hasText: 'Skywall Demo NVR' });
  await expect(nvr).toContainText('127.0.0.1:');
  await expect(items.filter({ hasNotText: 'NVR' }).getByTestId('scan-added')).toHaveText('已添加');
  await page.screenshot({ path: test.info().outputPath('scan-results.png') });
  await nvr.getByTestId('scan-add').click();

  // By address, filled in from the scan. A wrong password is named as such.
  await expect(page.getByTestId('form-host')).toHaveValue('127.0.0.1');
  await page.getByTestId('form-password').fill('wrong-pass');
  await page.getByTestId('form-test').click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-failure', 'wrong_password');
  await expect(page.getByTestId('test-result')).toContainText('用户名或密码错误');

  await page.getByTestId('form-password').fill('demo1234');
  await page.getByTestId('form-area-county').fill('城关县');
  await page.getByTestId('form-area-township').fill('东关镇');
  await page.getByTestId('form-test').click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('test-result')).toContainText('连接成功');
  await expect(page.getByTestId('test-result')).toContainText('4 个通道');
  await page.screenshot({ path: test.info().outputPath('test-ok.png') });
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('add-camera-form')).toHaveCount(0);

  // The NVR is in the tree beside the demo, with its four channels as cameras.
  await expect(page.getByTestId('device-item').filter({ hasText: 'Skywall Demo NVR' })).toHaveCount(1);
  await expect(page.getByTestId('camera-item').filter({ hasText: 'Skywall Demo NVR' })).toHaveCount(4);
  await page.getByTestId('tree-mode-area').click();
  await expect(page.getByTestId('area-item').filter({ hasText: '城关县' })).toHaveCount(1);
  await page.getByTestId('tree-mode-device').click();

  await page.getByTestId('layout-select').selectOption('1x1');
  await page.getByTestId('camera-item').filter({ hasText: 'Skywall Demo NVR 3' }).dragTo(page.getByTestId('tile').first());
  await expectAdvancing(page, [0]);
  await page.screenshot({ path: test.info().outputPath('nvr-channel-playing.png') });
});
