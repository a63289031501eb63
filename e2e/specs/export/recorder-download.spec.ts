import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../../support/app-fixture.js';
import { expectAdvancing } from '../../support/video-probe.js';

const two = (n: number) => String(n).padStart(2, '0');
const local = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

test('从录像机下载：自定义时段显示下载进度并可取消，最近 5 分钟下载完成并校验', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const target = await mkdtemp(path.join(tmpdir(), 'skywall-e2e-download-'));
  try {
    await expectAdvancing(page, [0]);
    await page.getByTestId('tile').first().click();
    await page.getByTestId('export-source').selectOption({ label: '录像机（下载）' });
    await page.getByTestId('export-length').selectOption({ label: '自定义' });
    // A wrong span is said, and cannot be sent.
    const now = Date.now();
    await page.getByTestId('export-from').fill(local(now - 60_000));
    await page.getByTestId('export-to').fill(local(now - 120_000));
    await expect(page.getByTestId('export-span-problem')).toHaveText('结束时间必须晚于开始时间，且最长 24 小时');
    await expect(page.getByTestId('export-start')).toBeDisabled();
    // The demo recorder holds the 30 minutes before the app started.
    await page.getByTestId('export-from').fill(local(now - 30 * 60_000));
    await page.getByTestId('export-to').fill(local(now));
    await expect(page.getByTestId('export-span-problem')).toHaveCount(0);

    // Host mode has no system folder dialog: the button says so and the path is typed.
    await page.getByTestId('export-pick-folder').click();
    await expect(page.getByText('此模式下没有系统文件夹对话框，请直接填写文件夹路径')).toBeVisible();
    await expect(page.getByTestId('export-pick-folder')).toBeDisabled();
    await page.getByTestId('export-folder').fill(target);
    await page.getByTestId('export-case').fill('AJ-2026-0002');
    await page.getByTestId('export-reason').fill('调取出租车行驶录像');
    await page.getByTestId('export-start').click();

    const progress = page.getByTestId('export-progress');
    await expect(progress).toHaveAttribute('data-phase', 'download', { timeout: 15_000 });
    await expect(progress).toContainText(/正在从录像机下载：已取 \d+:\d{2} \/ 30:00（录像时间），剩余约 \d+ 秒/);
    await page.screenshot({ path: test.info().outputPath('download-progress.png') });
    await page.getByTestId('export-cancel').click();
    const cancelled = page.getByTestId('export-history-entry').first();
    await expect(cancelled).toHaveAttribute('data-state', 'cancelled', { timeout: 2_500 });
    await expect(cancelled).toContainText('已取消');
    await expect(cancelled.getByTestId('export-history-range')).toContainText('录像');
    expect(await readdir(target)).toEqual([]);

    // The last 5 minutes from the recorder: downloaded, written, verified.
    await page.getByTestId('export-length').selectOption({ label: '最近 5 分钟' });
    await page.getByTestId('export-start').click();
    const done = page.getByTestId('export-history-entry').first();
    await expect(done).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(done).toHaveAttribute('data-verified', 'true');
    await expect(done.getByTestId('export-verify-status')).toHaveText('已校验：文件完整，签名有效');
    await page.screenshot({ path: test.info().outputPath('download-done.png') });
    const [folder] = await readdir(target);
    const metadata = JSON.parse(await readFile(path.join(target, folder, 'metadata.json'), 'utf8')) as { sourceType: string; caseReference: string; recorderClockOffsetMs: number | null };
    expect(metadata.sourceType).toBe('nvr_download');
    expect(metadata.caseReference).toBe('AJ-2026-0002');
    expect(typeof metadata.recorderClockOffsetMs).toBe('number');
  } finally {
    await rm(target, { recursive: true, force: true });
  }
});
