import { expect, test } from '../../support/app-fixture.js';

test('shell opens in Chinese, switches to English, lists the demo devices', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('shell')).toBeVisible();
  await expect(page.getByTestId('app-title')).toHaveText('天幕视频墙');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('device-item').first()).toContainText('演示');
  expect(await page.getByTestId('camera-item').count()).toBeGreaterThanOrEqual(2);

  await page.getByTestId('locale-select').selectOption('en');
  await expect(page.getByTestId('app-title')).toHaveText('Skywall video wall');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('device-list')).toContainText('Devices');
  await expect(page.getByTestId('device-item').first()).toContainText('Demo');
});

test('the language choice survives a reload', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('locale-select').selectOption('en');
  await expect(page.getByTestId('app-title')).toHaveText('Skywall video wall');
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('Skywall video wall');
});
