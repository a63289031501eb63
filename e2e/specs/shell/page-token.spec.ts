// D9: the host-mode page URL works once. The page spends its token, drops it from the address
// bar, and reconnects after a reload with the session credential it kept; the same URL used
// again by anyone else is refused.
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';

test.use({ hostOnly: true });

test('the page token is spent by the page, refused to others, and a reload still works', async ({ app }) => {
  const { page, host } = app;
  await expect(page.getByTestId('device-item').first()).toBeVisible();
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('skywall.hostSession'))).toMatch(/^[A-Za-z0-9_-]{32}$/);

  await expect(connectContract(host!.url)).rejects.toThrow(/HTTP 401/);

  await page.reload();
  await expect(page.getByTestId('device-item').first()).toBeVisible();
  // The contract works after the reload: a change made elsewhere reaches the page.
  const contract = await connectContract(host!);
  await contract.call('sw:settings:update', { locale: 'en' });
  await expect(page.getByTestId('app-title')).toHaveText('Skywall video wall');
  contract.close();
});
