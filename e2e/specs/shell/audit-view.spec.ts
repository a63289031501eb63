import { expect, test } from '../../support/app-fixture.js';

test('the operator adds a camera, finds the entry in the audit view (in Chinese) and verifies the chain', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('add-camera').click();
  await page.getByTestId('add-tab-url').click();
  await page.getByTestId('form-name').fill('北门 2');
  await page.getByTestId('form-mainUrl').fill('rtsp://127.0.0.1:9/north');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('add-camera-form')).toHaveCount(0);

  await page.getByTestId('audit-open').click();
  await expect(page.getByRole('heading', { name: '审计日志（只读）' })).toBeVisible();
  await expect(page.getByTestId('wall')).toBeHidden();
  const added = page.getByTestId('audit-entry').filter({ hasText: '添加设备' });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('北门 2');
  // Newest first: the add is above anything older.
  const seqs = await page.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

  // Filter by kind: only device additions.
  await page.getByTestId('audit-kind').selectOption('device.add');
  await expect(page.getByTestId('audit-entry')).toHaveCount(1);
  // A time range that ends before the add shows nothing.
  await page.getByTestId('audit-to').fill('2000-01-01T00:00');
  await expect(page.getByTestId('audit-entry')).toHaveCount(0);
  await expect(page.getByText('没有符合条件的记录。')).toBeVisible();
  await page.getByTestId('audit-to').fill('');
  await expect(page.getByTestId('audit-entry')).toHaveCount(1);

  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-verify-result')).toContainText('校验通过');

  await page.getByTestId('audit-close').click();
  await expect(page.getByTestId('wall')).toBeVisible();
});
