import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';
import { tileNames } from '../../support/wall-dom.js';

test.use({ hostOnly: true });

const NINE = Array.from({ length: 9 }, (_, i) => `门岗 ${i + 1}`);

test('换布局 3x3 → 1x1 → 4x4 不丢摄像机，可撤销；移除前先确认，撤销后恢复', async ({ app }) => {
  // Many steps, each saved and replayed by nine players on two shared cores.
  test.setTimeout(180_000);
  const { page, host } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    const url = `rtsp://127.0.0.1:${port}/demo/h264`;
    await contract.call('sw:devices:add', {
      name: '东门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      cameras: NINE.map((name, i) => ({ id: `gate-${i + 1}`, name, ptz: false, sources: [{ profile: 'main' as const, url, codec: 'h264' as const }] })),
    });
    await page.getByTestId('layout-select').selectOption({ label: '9 画面' });
    await expect(page.getByTestId('tile')).toHaveCount(9);
    // The operator fills the nine tiles from the camera list: select a tile, double-click a camera.
    await page.getByTestId('tile').first().click();
    for (const name of NINE) await page.getByTestId('camera-item').filter({ hasText: name }).dblclick();
    // Nine tiles start their streams at once on two cores: the last save may take a few seconds.
    await expect.poll(() => tileNames(page), { timeout: 15_000 }).toEqual(NINE);

    // 1x1 to look at one camera closely: eight cameras wait off the wall, and the wall says so.
    await page.getByTestId('layout-select').selectOption({ label: '1 画面' });
    await expect(page.getByTestId('tile')).toHaveCount(1);
    await expect.poll(() => tileNames(page)).toEqual([NINE[0]]);
    await expect(page.getByTestId('wall-overflow')).toHaveText('另有 8 路摄像机暂不显示，换成更大的布局即可恢复');
    await expect(page.getByTestId('undo-notice')).toContainText('布局已改为 1 画面。');

    // 4x4: all nine come back in their tiles, the rest are empty.
    await page.getByTestId('layout-select').selectOption({ label: '16 画面' });
    await expect(page.getByTestId('tile')).toHaveCount(16);
    await expect.poll(() => tileNames(page)).toEqual([...NINE, ...Array<string>(7).fill('')]);
    await expect(page.getByTestId('wall-overflow')).toHaveCount(0);
    await expectAdvancing(page, [0, 4, 8]);

    // Undo twice: back to 1x1, then to 3x3 with the same nine.
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('tile')).toHaveCount(1);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('tile')).toHaveCount(9);
    await expect.poll(() => tileNames(page)).toEqual(NINE);

    // Removing a camera asks first; Enter on the focused answer keeps it.
    await page.getByTestId('tile').nth(4).click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('remove-confirm')).toContainText('从窗格 5 移除“门岗 5”？');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('remove-confirm')).toHaveCount(0);
    await expect.poll(() => tileNames(page)).toEqual(NINE);
    // Confirmed, it goes; undo puts it back on its tile.
    await page.keyboard.press('Delete');
    await page.getByTestId('remove-confirm-yes').click();
    await expect(page.getByTestId('tile').nth(4)).toHaveAttribute('data-state', 'empty');
    await expect(page.getByTestId('undo-notice')).toContainText('已从窗格 5 移除摄像机。');
    await page.getByTestId('undo').click();
    await expect.poll(() => tileNames(page)).toEqual(NINE);
    await expectAdvancing(page, [4]);

    // Saved: a reload shows the same wall.
    await page.reload();
    await expect.poll(() => tileNames(page)).toEqual(NINE);
  } finally {
    contract.close();
    await camera.stop();
  }
});
