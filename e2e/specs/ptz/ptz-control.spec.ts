import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { openPtz, ptzScene, stubCommands } from '../../support/ptz-scene.js';

test.use({ hostOnly: true });

test('键盘和云台按钮驱动球机：按住转动，松开 500 ms 内停止；数字键调用预置位', async ({ app }) => {
  const { page, host } = app;
  const contract = await connectContract(host!);
  const stub = await ptzScene(contract);
  try {
    await openPtz(page);
    await expect(page.getByTestId('ptz-presets')).toContainText('暂无预置位');

    // Arrow right held for 800 ms: one move, renewed, no stop until the key is released.
    await page.keyboard.down('ArrowRight');
    await page.waitForTimeout(800);
    expect(stubCommands(stub, 'Stop')).toHaveLength(0);
    const moves = stubCommands(stub, 'ContinuousMove');
    expect(moves[0]!.velocity).toMatchObject({ x: 0.5, y: 0 });
    await expect(page.getByTestId('ptz-controller')).toHaveText('本窗口控制中');
    const released = Date.now();
    await page.keyboard.up('ArrowRight');
    await expect.poll(() => stubCommands(stub, 'Stop').length).toBe(1);
    expect(stubCommands(stub, 'Stop')[0]!.at - released).toBeLessThan(500);

    // The pad's up-left button, held with the mouse at 30 % speed.
    await page.getByTestId('ptz-speed').fill('30');
    const upLeft = page.locator('[data-testid=ptz-pad] [data-dir="-1,1"]');
    await upLeft.hover();
    await page.mouse.down();
    await expect.poll(() => stubCommands(stub, 'ContinuousMove').at(-1)?.velocity).toMatchObject({ x: -0.3, y: 0.3 });
    await page.waitForTimeout(500);
    expect(stubCommands(stub, 'Stop')).toHaveLength(1);
    await page.mouse.up();
    await expect.poll(() => stubCommands(stub, 'Stop').length).toBe(2);

    // W and + together: tilt up while zooming in.
    await page.keyboard.down('w');
    await page.keyboard.down('+');
    await expect.poll(() => stubCommands(stub, 'ContinuousMove').at(-1)?.velocity).toMatchObject({ x: 0, y: 0.3, zoom: 0.3 });
    await page.keyboard.up('+');
    await page.keyboard.up('w');
    await expect.poll(() => stubCommands(stub, 'Stop').length).toBe(3);

    // Save a preset by name, then call it with its number key.
    await page.getByTestId('ptz-preset-name').fill('北口');
    await page.getByTestId('ptz-preset-save').click();
    await expect(page.getByTestId('ptz-preset')).toHaveText(/1北口/);
    await page.getByTestId('tile').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.getByTestId('ptz-surface').focus().catch(() => undefined);
    await page.keyboard.press('1');
    await expect.poll(() => stubCommands(stub, 'GotoPreset').map((c) => c.presetToken)).toEqual(['1']);
    await page.screenshot({ path: 'test-results/ptz-control.png' });
  } finally {
    contract.close();
    await stub.close();
  }
});

test('合成摇杆：死区内不动，推杆转动，回中停止，按键调用预置位', async ({ app }) => {
  const { host } = app;
  // A page of its own whose init script provides the joystick before the app loads.
  const context = await app.page.context().browser()!.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const pad = { id: 'Skywall Test Stick (Vendor: 0001 Product: 0002)', index: 0, connected: true, mapping: '', timestamp: 0, axes: [0, 0, 0, 0], buttons: Array.from({ length: 8 }, () => ({ pressed: false, touched: false, value: 0 })) };
    (window as unknown as { __pad: typeof pad }).__pad = pad;
    Object.defineProperty(navigator, 'getGamepads', { value: () => [pad, null, null, null], configurable: true });
  });
  await page.goto(await host!.newPageUrl());
  const contract = await connectContract(host!);
  const stub = await ptzScene(contract);
  try {
    await openPtz(page);
    await page.getByTestId('ptz-preset-name').fill('东口');
    await page.getByTestId('ptz-preset-save').click();
    await expect(page.getByTestId('ptz-preset')).toHaveCount(1);
    const setAxes = (axes: number[]) => page.evaluate((a) => ((window as unknown as { __pad: { axes: number[] } }).__pad.axes = a), axes);

    // Inside the default dead zone (0.15): nothing is sent.
    await setAxes([0.12, -0.1, 0.05, 0]);
    await page.waitForTimeout(600);
    expect(stubCommands(stub, 'ContinuousMove')).toHaveLength(0);

    // Full right: pan at the operator's speed (50 %); the stick's "up" (negative) tilts up.
    await setAxes([1, -1, 0, 0]);
    await expect.poll(() => stubCommands(stub, 'ContinuousMove').at(-1)?.velocity).toMatchObject({ x: 0.5, y: 0.5 });
    await page.waitForTimeout(600);
    expect(stubCommands(stub, 'Stop')).toHaveLength(0);
    const centred = Date.now();
    await setAxes([0.05, 0, 0, 0]);
    await expect.poll(() => stubCommands(stub, 'Stop').length).toBe(1);
    expect(stubCommands(stub, 'Stop')[0]!.at - centred).toBeLessThan(500);

    // Button 0 calls preset 1 (default mapping); the mapping screen shows the live axes.
    await page.evaluate(() => ((window as unknown as { __pad: { buttons: Array<{ pressed: boolean }> } }).__pad.buttons[0]!.pressed = true));
    await expect.poll(() => stubCommands(stub, 'GotoPreset').length).toBe(1);
    await page.getByTestId('ptz-gamepad').click();
    await setAxes([0.42, 0, 0, 0]);
    await expect(page.getByTestId('ptz-gamepad-axis').first()).toContainText('0.42');
    await page.screenshot({ path: 'test-results/ptz-gamepad.png' });
  } finally {
    contract.close();
    await stub.close();
    await context.close();
  }
});
