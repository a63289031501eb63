import { expect, test } from '../../support/app-fixture.js';
import { expectedCells, geometryMismatches, measureWall } from '../../support/wall-geometry.js';
import { presetLayout, PRESET_COUNTS } from '../../../src-main/common/model/wall-layout.js';

const PRESET_LABELS: Record<number, string> = {
  1: '1 画面',
  4: '4 画面',
  6: '6 画面（1 大 5 小）',
  8: '8 画面（1 大 7 小）',
  9: '9 画面',
  10: '10 画面（2 大 8 小）',
  13: '13 画面（中间 1 大）',
  16: '16 画面',
  25: '25 画面',
  36: '36 画面',
  49: '49 画面',
  64: '64 画面',
};

test('每个预设布局的窗格位置和大小与布局定义一致（逐个窗格比对，截图存于 test-results）', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = app;
  await expect(page.getByTestId('tile')).toHaveCount(4);
  for (const n of PRESET_COUNTS) {
    await page.getByTestId('layout-select').selectOption({ label: PRESET_LABELS[n]! });
    await expect(page.getByTestId('wall-cell')).toHaveCount(n);
    const layout = presetLayout(n);
    await expect(page.getByTestId('wall-grid')).toHaveAttribute('data-rows', String(layout.rows));
    const { grid, rowGap, colGap, cells } = await measureWall(page);
    // The grid is really there and every tile is a real rectangle, not a collapsed one.
    expect(grid.width * grid.height, `preset ${n}`).toBeGreaterThan(300 * 200);
    const wrong = geometryMismatches(cells, expectedCells(layout, grid, rowGap, colGap), 1.5);
    await page.screenshot({ path: testInfo.outputPath(`preset-${n}.png`) });
    expect(wrong, `preset ${n}`).toEqual([]);
    // Tile numbers follow the cells: tile 1 is the large one where there is one.
    await expect(page.getByTestId('tile-number').first()).toHaveText('1');
  }
});
