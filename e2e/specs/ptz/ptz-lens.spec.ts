import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { openPtz, ptzScene, stubCommands } from '../../support/ptz-scene.js';

test.use({ hostOnly: true });

test('聚焦和光圈按钮驱动球机的成像服务；单击画面居中；预置位重命名；摇杆设置可关闭', async ({ app }) => {
  const { page, host } = app;
  const contract = await connectContract(host!);
  const stub = await ptzScene(contract);
  const imaging = (action: string) => stub.imagingLog.filter((e) => e.outcome === 'ok' && e.action === action);
  try {
    await openPtz(page);

    // 近焦 held: manual focus, a continuous focus move towards near at the operator's 50 %; let go, a Stop within 500 ms.
    await page.getByTestId('ptz-focus-near').hover();
    await page.mouse.down();
    await expect.poll(() => imaging('Move').length).toBe(1);
    expect(imaging('Move')[0]!.focusSpeed).toBe(-0.5);
    expect(imaging('SetImagingSettings')[0]).toMatchObject({ focusMode: 'MANUAL' });
    await page.waitForTimeout(600);
    expect(imaging('Stop')).toHaveLength(0);
    const released = Date.now();
    await page.mouse.up();
    await expect.poll(() => imaging('Stop').length).toBe(1);
    expect(imaging('Stop')[0]!.at - released).toBeLessThan(500);

    // 光圈大: one step wider in manual exposure; 自动聚焦 hands focus back.
    await page.getByTestId('ptz-iris-open').click();
    await expect.poll(() => imaging('SetImagingSettings').at(-1)?.iris).toBe(-3.8);
    await page.getByTestId('ptz-focus-auto').click();
    await expect.poll(() => imaging('SetImagingSettings').at(-1)?.focusMode).toBe('AUTO');

    // A click at three quarters across and a quarter down centres that point: a relative move up and right.
    const box = (await page.getByTestId('ptz-surface').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
    await expect.poll(() => stubCommands(stub, 'RelativeMove').length).toBe(1);
    const t = stubCommands(stub, 'RelativeMove')[0]!.translation!;
    expect(t.x).toBeCloseTo(0.125, 2);
    expect(t.y).toBeCloseTo(0.125, 2);

    // Save a preset, rename it in place; the new name is what the list shows.
    await page.getByTestId('ptz-preset-name').fill('北口');
    await page.getByTestId('ptz-preset-save').click();
    await expect(page.getByTestId('ptz-preset')).toHaveText(/1北口/);
    await page.getByTestId('ptz-preset').getByRole('button', { name: '重命名' }).click();
    const input = page.getByTestId('ptz-preset').getByRole('textbox');
    await input.fill('北口岗亭');
    await input.press('Enter');
    await expect(page.getByTestId('ptz-preset')).toHaveText(/1北口岗亭/);

    // The joystick screen closes with its own 关闭, the PTZ control stays open.
    await page.getByTestId('ptz-gamepad').click();
    await expect(page.getByTestId('ptz-gamepad-close')).toHaveText('关闭');
    await page.screenshot({ path: 'test-results/ptz-gamepad-dialog.png' });
    await page.getByTestId('ptz-gamepad-close').click();
    await expect(page.getByTestId('ptz-gamepad-setup')).toHaveCount(0);
    await expect(page.getByTestId('ptz-control')).toBeVisible();
    await page.screenshot({ path: 'test-results/ptz-lens.png' });
  } finally {
    contract.close();
    await stub.close();
  }
});

test('没有成像服务的球机：按近焦时说明不支持聚焦和光圈，且不再重复请求', async ({ app }) => {
  const { page, host } = app;
  const contract = await connectContract(host!);
  const stub = await ptzScene(contract, 0, { imaging: false });
  try {
    await openPtz(page);
    await page.getByTestId('ptz-focus-near').hover();
    await page.mouse.down();
    await expect(page.getByTestId('ptz-lens-unsupported')).toHaveText('该摄像机不支持聚焦和光圈控制。');
    await page.waitForTimeout(500);
    await page.mouse.up();
    expect(stub.requestLog.filter((e) => e.path === '/onvif/imaging_service')).toHaveLength(0);
    await page.screenshot({ path: 'test-results/ptz-lens-unsupported.png' });
  } finally {
    contract.close();
    await stub.close();
  }
});
