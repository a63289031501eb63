// The operator, in Chinese, imports a CSV of 10 devices of which 2 are wrong: 8 are imported, the
// 2 are listed by line number with the reason; the imported devices are in the tree (a name with
// markup as text), and an imported camera plays when dragged onto a tile.
import { expect, test } from '../../support/app-fixture.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

test('CSV import with 2 bad rows of 10: 8 imported, 2 reported with line numbers and reasons; an imported camera plays', async ({ app }) => {
  // A camera process, a host and an import on a shared machine: more than the default minute.
  test.setTimeout(120_000);
  const { page } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port, ['--auth', 'admin:Import-Pass1']);
  try {
    const csv = [
      '名称,地址,厂商,区域,用户名,密码,通道数',
      `导入东门,rtsp://127.0.0.1:${port}/demo/h264,,城关县/东关镇,admin,Import-Pass1,`,
      '导入西门,rtsp://10.1.0.2/live,,城关县/东关镇,,,',
      '导入村委会,10.1.0.3,海康威视,城关县/东关镇/李家村,admin,pw3,4',
      '导入学校,10.1.0.4,大华,城关县/西关镇,admin,pw4,1',
      '导入桥头,10.1.0.5,索尼,城关县/西关镇,admin,pw5,1',
      '导入路口,10.1.0.6,宇视,城关县/西关镇,admin,pw6,2',
      '导入卫生院,rtsp://10.1.0.7/a,,城关县,admin,pw7,',
      '"导入仓库, 北",http://10.1.0.8/live/cam.flv,,城关县,,,',
      '导入加油站,10.1.0.9:99999,大华,城关县,admin,pw9,1',
      '<b>导入河堤</b>,rtsp://10.1.0.10/live,,城关县,,,',
    ].join('\r\n');

    await page.getByTestId('add-camera').click();
    await page.getByTestId('add-tab-import').click();
    await expect(page.getByTestId('add-tab-import')).toHaveText('批量导入');
    await expect(page.getByTestId('import-form')).toContainText('CSV 每行一台设备');
    await page.screenshot({ path: test.info().outputPath('import-choose.png') });
    await page.getByTestId('import-file').setInputFiles({ name: '设备清单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

    const result = page.getByTestId('import-result');
    await expect(result).toHaveText('已导入 8 台设备（12 路摄像机）；2 行未导入，原因见下。', { timeout: 20_000 });
    const errors = page.getByTestId('import-error');
    await expect(errors).toHaveCount(2);
    await expect(errors.nth(0)).toHaveAttribute('data-line', '6');
    await expect(errors.nth(0)).toHaveText('第 6 行 不认识的厂商“索尼”：应为 海康威视、大华、宇视 或 ONVIF。');
    await expect(errors.nth(1)).toHaveAttribute('data-line', '10');
    await expect(errors.nth(1)).toHaveText('第 10 行 端口无效：应为 1 到 65535 之间的数字。');
    await page.screenshot({ path: test.info().outputPath('import-result.png') });
    await page.getByTestId('import-close').click();
    await expect(page.getByTestId('add-camera-form')).toHaveCount(0);

    // In the tree: 8 imported devices; the refused ones are not; a name with markup is text.
    await expect(page.getByTestId('device-item').filter({ hasText: '导入' })).toHaveCount(8);
    await expect(page.getByTestId('device-item').filter({ hasText: '导入桥头' })).toHaveCount(0);
    await expect(page.getByTestId('camera-item').filter({ hasText: '导入村委会' })).toHaveCount(4);
    await expect(page.getByTestId('camera-item').filter({ hasText: '<b>导入河堤</b>' })).toHaveCount(1);
    await expect(page.locator('.sw-tree b')).toHaveCount(0);

    // The imported camera, its password from the file in the vault, plays on a tile.
    await page.getByTestId('layout-select').selectOption('1x1');
    await page.getByTestId('camera-item').filter({ hasText: '导入东门' }).dragTo(page.getByTestId('tile').first());
    await expectAdvancing(page, [0]);
    await page.screenshot({ path: test.info().outputPath('import-playing.png') });
  } finally {
    await camera.stop();
  }
});
