// A Dahua or Uniview device whose RTSP service is not on 554: the operator enters its RTSP port in
// the add dialog, and the connection test reaches that port (the demo camera answers there, though
// not with a Uniview stream), where a blank port tries 554 and finds nothing.
import { expect, test } from '../../support/app-fixture.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';

test.use({ hostOnly: true });

test('the RTSP port of a Uniview device is asked for, checked, and used by the connection test', async ({ app }) => {
  const { page } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port);
  try {
    await page.getByTestId('add-camera').click();
    await page.getByTestId('form-kind').selectOption('uniview');
    await page.getByTestId('form-host').fill('127.0.0.1');
    await page.getByTestId('form-password').fill('demo1234');
    // Nothing listens on 554 here.
    await page.getByTestId('form-test').click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-failure', 'unreachable', { timeout: 15_000 });

    await page.getByTestId('form-rtspPort').fill('99999');
    await page.getByTestId('form-test').click();
    await expect(page.getByTestId('form-error')).toHaveText('RTSP 端口无效：应为 1 到 65535 之间的数字，留空则用 554。');

    // On the demo camera's port an RTSP service answers, but has no stream at Uniview's address.
    await page.getByTestId('form-rtspPort').fill(String(port));
    await page.getByTestId('form-test').click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-failure', 'no_stream', { timeout: 15_000 });
    await page.screenshot({ path: test.info().outputPath('rtsp-port.png') });
  } finally {
    await camera.stop();
  }
});
