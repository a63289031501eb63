import { expect, test } from '../../support/app-fixture.js';
import { expectedCells, geometryMismatches, measureWall } from '../../support/wall-geometry.js';
import type { Layout } from '../../../src-main/common/model/wall-layout.js';

test.use({ hostOnly: true });

// 4x4: a 2x3 tile top left drawn from the keyboard, the other ten squares single.
const DRAWN: Layout = {
  rows: 4,
  cols: 4,
  cells: [
    { row: 0, col: 0, rowSpan: 2, colSpan: 3 },
    { row: 0, col: 3, rowSpan: 1, colSpan: 1 },
    { row: 1, col: 3, rowSpan: 1, colSpan: 1 },
    ...[2, 3].flatMap((row) => [0, 1, 2, 3].map((col) => ({ row, col, rowSpan: 1, colSpan: 1 }))),
  ],
};

test('自定义布局可以只用键盘画：方向键移动、Shift+方向键选区（框住整个大窗格）、Enter 合并、Delete 拆分，帮助中列出这些键', async ({ app }) => {
  const testInfo = test.info();
  const { page } = app;
  await expect(page.getByTestId('tile')).toHaveCount(4);

  // The help overlay lists the editor's keys even before the editor is opened.
  await page.getByTestId('wall').click();
  await page.keyboard.press('F1');
  const help = page.getByTestId('shortcut-help');
  await expect(help).toContainText('自定义布局（焦点在网格上时）');
  await expect(help.getByTestId('shortcut-row').filter({ hasText: '移动光标' })).toContainText('↑ ↓ ← →');
  await expect(help.getByTestId('shortcut-row').filter({ hasText: '把选区合并为一个窗格' })).toContainText('Enter');
  await expect(help.getByTestId('shortcut-row').filter({ hasText: '拆分光标所在的大窗格' })).toContainText('Delete');
  await expect(help.getByTestId('shortcut-row').filter({ hasText: '扩大或缩小选区' })).toContainText('Shift+↑ ↓ ← →');
  await help.screenshot({ path: testInfo.outputPath('help-layout-keys.png') });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.getByTestId('layout-edit').click();
  const editor = page.getByTestId('layout-editor');
  await expect(editor).toContainText('Shift+方向键选出区域，Enter 合并，Delete 拆分');
  await page.getByTestId('layout-editor-rows').selectOption('4');
  await page.getByTestId('layout-editor-cols').selectOption('4');
  const tiles = page.getByTestId('layout-editor-tile');
  await expect(tiles).toHaveCount(16);
  const cursor = page.getByTestId('layout-editor-cursor');

  // Tab onto the grid: the first arrow puts the cursor top left.
  await page.getByTestId('layout-editor-grid').focus();
  await page.keyboard.press('ArrowDown');
  await expect(cursor).toHaveAttribute('data-row', '0');
  await expect(cursor).toBeVisible();
  // Shift+arrows select a 2x2 block; Enter merges it into tile 1; the cursor stays on it.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(editor).toContainText('已选 2 行 × 2 列');
  await page.keyboard.press('Enter');
  await expect(tiles).toHaveCount(13);
  await expect(page.getByTestId('layout-editor-split')).toBeEnabled();
  // Delete splits it back; Enter on a single square merges nothing and says why.
  await page.keyboard.press('Delete');
  await expect(tiles).toHaveCount(16);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layout-editor-note')).toHaveText('请至少选中两个相邻的格子再合并。');
  await expect(tiles).toHaveCount(16);

  // Merge the 2x2 again, step right across it in one press, then Shift+Left reaches back into
  // it: the selection holds the whole tile (2 rows x 3 columns), never a part of it.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Enter');
  await expect(tiles).toHaveCount(13);
  await page.keyboard.press('ArrowRight');
  await expect(cursor).toHaveAttribute('data-col', '2');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(editor).toContainText('已选 2 行 × 3 列');
  await page.keyboard.press('Enter');
  await expect(tiles).toHaveCount(11);
  await page.screenshot({ path: testInfo.outputPath('layout-editor-keys.png') });

  // Saved and used: the wall shows the drawn cells.
  await page.getByTestId('layout-editor-name').fill('键盘 1 大 10 小');
  await page.getByTestId('layout-editor-save-use').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('wall-cell')).toHaveCount(11);
  const { grid, rowGap, colGap, cells } = await measureWall(page);
  expect(geometryMismatches(cells, expectedCells(DRAWN, grid, rowGap, colGap), 1.5)).toEqual([]);
});
