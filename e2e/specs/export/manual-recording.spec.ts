import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../../support/app-fixture.js';
import { expectAdvancing } from '../../support/video-probe.js';

test('手动录像：窗格开始录像、显示录像中，停止后保存为已校验的导出', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const target = await mkdtemp(path.join(tmpdir(), 'skywall-e2e-record-'));
  try {
    await expectAdvancing(page, [0]);
    const tile = page.getByTestId('tile').first();
    await tile.click();
    // From the tile's context menu (the same actions as its hover toolbar).
    const menu = async (id: string) => {
      await tile.click({ button: 'right' });
      await page.getByTestId(`tile-menu-${id}`).click();
    };
    // Without a target folder the tile says where to set one.
    await menu('record');
    await expect(tile.getByTestId('tile-recording-problem')).toHaveText('请先在“证据导出”中填写目标文件夹，录像将保存到那里');

    await page.getByTestId('export-folder').fill(target);
    await page.getByTestId('export-case').fill('AJ-2026-0003');
    await page.getByTestId('export-reason').fill('现场手动录像');
    await menu('record');
    await expect(tile.getByTestId('tile-recording')).toContainText('● 录像中 0:0');
    await expect(tile.getByTestId('tile-action-record')).toHaveText('停止录像');
    await page.waitForTimeout(5000);
    await expect(tile.getByTestId('tile-recording')).toContainText(/录像中 0:0[4-9]/);
    await tile.hover();
    await page.screenshot({ path: test.info().outputPath('recording.png') });
    await menu('record');
    await expect(tile.getByTestId('tile-recording')).toHaveCount(0);
    await expect(tile.getByTestId('tile-action-record')).toHaveText('手动录像');

    const entry = page.getByTestId('export-history-entry').first();
    await expect(entry).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(entry).toHaveAttribute('data-verified', 'true');
    await page.screenshot({ path: test.info().outputPath('recording-saved.png') });
    const [folder] = await readdir(target);
    const metadata = JSON.parse(await readFile(path.join(target, folder, 'metadata.json'), 'utf8')) as { sourceType: string; caseReference: string; reason: string; startUtc: string; endUtc: string };
    expect(metadata.sourceType).toBe('recording');
    expect(metadata.caseReference).toBe('AJ-2026-0003');
    expect(metadata.reason).toBe('现场手动录像');
    const seconds = (Date.parse(metadata.endUtc) - Date.parse(metadata.startUtc)) / 1000;
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(12);

    // Both ends are in the audit log the operator can read.
    await page.getByRole('button', { name: '审计日志' }).click();
    await expect(page.getByRole('cell', { name: '开始手动录像' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '结束手动录像' })).toBeVisible();
  } finally {
    await rm(target, { recursive: true, force: true });
  }
});
