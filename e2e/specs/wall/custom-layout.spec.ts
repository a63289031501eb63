import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from '../../support/browser.js';
import { guardCsp } from '../../support/csp-guard.js';
import { startHostApp, type HostApp } from '../../support/host-app.js';
import { expectedCells, geometryMismatches, measureWall } from '../../support/wall-geometry.js';
import { expectAdvancing } from '../../support/video-probe.js';
import type { Layout } from '../../../src-main/common/model/wall-layout.js';

/** Drags over the editor's grid from one square to another, as an operator selects a block. */
async function dragSquares(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const square = (r: number, c: number) => page.locator(`[data-testid=layout-editor-square][data-row="${r}"][data-col="${c}"]`);
  const a = (await square(...from).boundingBox())!;
  const b = (await square(...to).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2 + b.width / 2, (a.y + b.y) / 2 + b.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

// 3 rows by 4 columns: a 2x2 tile top left, a 1x2 tile top right, then six single squares.
const DRAWN: Layout = {
  rows: 3,
  cols: 4,
  cells: [
    { row: 0, col: 0, rowSpan: 2, colSpan: 2 },
    { row: 0, col: 2, rowSpan: 1, colSpan: 2 },
    { row: 1, col: 2, rowSpan: 1, colSpan: 1 },
    { row: 1, col: 3, rowSpan: 1, colSpan: 1 },
    { row: 2, col: 0, rowSpan: 1, colSpan: 1 },
    { row: 2, col: 1, rowSpan: 1, colSpan: 1 },
    { row: 2, col: 2, rowSpan: 1, colSpan: 1 },
    { row: 2, col: 3, rowSpan: 1, colSpan: 1 },
  ],
};
const NAME = '监控室 2 大 6 小';

test('自定义布局：拖动合并窗格、命名保存；主程序重启、页面刷新后仍在列表中，选用后窗格位置正确，摄像机不丢', async () => {
  test.setTimeout(150_000);
  const testInfo = test.info();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-e2e-layout-'));
  const browser = await launchChromium();
  let host: HostApp | undefined = await startHostApp({ dataDir });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const csp = await guardCsp(page);
    await page.goto(host.url);
    await expect(page.getByTestId('tile')).toHaveCount(4);

    await page.getByTestId('layout-edit').click();
    const editor = page.getByTestId('layout-editor');
    await expect(editor).toContainText('自定义布局');
    // It starts from the wall's 2x2; the operator makes it 3 rows by 4 columns.
    await expect(page.getByTestId('layout-editor-tile')).toHaveCount(4);
    await page.getByTestId('layout-editor-rows').selectOption('3');
    await page.getByTestId('layout-editor-cols').selectOption('4');
    await expect(page.getByTestId('layout-editor-tile')).toHaveCount(12);

    // A 2x2 block top left, merged.
    await dragSquares(page, [0, 0], [1, 1]);
    await expect(editor).toContainText('已选 2 行 × 2 列');
    await page.getByTestId('layout-editor-merge').click();
    await expect(page.getByTestId('layout-editor-tile')).toHaveCount(9);
    // A block cutting through the merged tile is refused with the reason, and nothing changes.
    await dragSquares(page, [1, 1], [2, 2]);
    await page.getByTestId('layout-editor-merge').click();
    await expect(page.getByTestId('layout-editor-note')).toHaveText('选中的区域切到了一个已合并的窗格：请把整个窗格框进去，或先拆分它。');
    await expect(page.getByTestId('layout-editor-tile')).toHaveCount(9);
    // Top right, two squares side by side.
    await dragSquares(page, [0, 3], [0, 2]);
    await page.getByTestId('layout-editor-merge').click();
    await expect(page.getByTestId('layout-editor-tile')).toHaveCount(8);
    await expect(editor).toContainText('8 个窗格');

    // No name: said, nothing saved.
    await page.getByTestId('layout-editor-save').click();
    await expect(page.getByTestId('layout-editor-note')).toHaveText('请给布局起个名称。');
    await page.getByTestId('layout-editor-name').fill(NAME);
    await page.screenshot({ path: testInfo.outputPath('layout-editor.png') });
    await page.getByTestId('layout-editor-save').click();
    await expect(page.getByTestId('layout-editor-note')).toHaveText(`已保存布局“${NAME}”，可在“布局”列表中选用。`);
    await expect(page.getByTestId('saved-layout')).toHaveText([new RegExp(NAME)]);
    await page.getByTestId('layout-editor-close').click();
    await expect(editor).toHaveCount(0);
    // Written to disk with the document.
    const onDisk = JSON.parse(readFileSync(path.join(dataDir, 'skywall.json'), 'utf8')) as { layouts: { name: string; cells: unknown[] }[] };
    expect(onDisk.layouts.map((l) => [l.name, l.cells])).toEqual([[NAME, DRAWN.cells]]);

    // The host stops and starts again on the same data; the page is reloaded too.
    await host.stop();
    host = await startHostApp({ dataDir });
    await expect(page.getByTestId('connection-lost')).toHaveCount(0, { timeout: 20_000 });
    await page.reload();
    await expect(page.getByTestId('tile')).toHaveCount(4);

    // Listed beside the presets, applied: eight tiles where they were drawn, the demo cameras kept on tiles 1 and 2.
    await page.getByTestId('layout-select').selectOption({ label: NAME });
    await expect(page.getByTestId('wall-cell')).toHaveCount(8);
    await expect(page.getByTestId('layout-select')).toHaveValue(/^c:layout-/);
    await expect(page.getByTestId('undo-notice')).toContainText(`布局已改为“${NAME}”。`);
    const { grid, rowGap, colGap, cells } = await measureWall(page);
    expect(geometryMismatches(cells, expectedCells(DRAWN, grid, rowGap, colGap), 1.5)).toEqual([]);
    await expectAdvancing(page, [0, 1], 30_000);
    await page.screenshot({ path: testInfo.outputPath('custom-layout-wall.png') });

    // Still chosen after a reload: the picker names it.
    await page.reload();
    await expect(page.getByTestId('wall-cell')).toHaveCount(8);
    await expect(page.getByTestId('layout-select').locator('option:checked')).toHaveText(NAME);
    csp.expectNone();
  } finally {
    await browser.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
