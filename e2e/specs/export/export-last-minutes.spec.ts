import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../../support/app-fixture.js';
import { expectAdvancing } from '../../support/video-probe.js';

test('选中窗格，导出最近 2 分钟到文件夹，看到进度，导出记录显示已校验', async ({ app }) => {
  const { page } = app;
  const target = await mkdtemp(path.join(tmpdir(), 'skywall-e2e-export-'));
  try {
    await expectAdvancing(page, [0]);
    await page.getByTestId('tile').first().click();
    await expect(page.getByTestId('export-camera')).toContainText('摄像机：');
    await page.waitForTimeout(3000); // a few seconds in the replay buffer
    await page.getByTestId('export-length').selectOption({ label: '最近 2 分钟' });
    await page.getByTestId('export-folder').fill(target);
    await page.getByTestId('export-case').fill('AJ-2026-0001');
    await page.getByTestId('export-reason').fill('寻找走失儿童');
    await page.getByTestId('export-start').click();

    const entry = page.getByTestId('export-history-entry').first();
    await expect(entry).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(entry).toHaveAttribute('data-verified', 'true');
    await expect(entry.getByTestId('export-verify-status')).toHaveText('已校验：文件完整，签名有效');
    await expect(entry).toContainText('已完成');
    // The progress line stays with the export's figures, no longer counting down.
    await expect(page.getByTestId('export-progress')).toHaveAttribute('data-phase', 'finished');
    await expect(page.getByTestId('export-progress')).toContainText(/\d+\.\d MB（写入并回读），\d+\.\d MB\/秒，已结束/);

    const [folder] = await readdir(target);
    expect(folder).toMatch(/_\d{8}T\d{6}Z$/);
    expect((await readdir(path.join(target, folder))).sort()).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig', 'metadata.json', 'README.txt', 'verify.html', 'verify.mjs', 'public-key.pem']));
  } finally {
    await rm(target, { recursive: true, force: true });
  }
});
