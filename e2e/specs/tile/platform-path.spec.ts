// Platform tiles say which way their stream comes (in Chinese): an HTTP-FLV platform URL through
// the hub (经汇聚服务), an HLS one through the media relay (中转 HLS).
import { expect, test as appTest } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { startFakePlatform, type FakePlatform } from '../../support/fake-platform/index.js';
import { showPlatformUrls } from '../../support/fake-platform/platform-scene.js';

const test = appTest.extend<{ platform: FakePlatform }>({
  // eslint-disable-next-line no-empty-pattern
  platform: async ({}, use) => {
    const platform = await startFakePlatform();
    await use(platform);
    await platform.stop();
  },
});

test.use({ hostOnly: true });

test('a platform tile says whether it plays through the hub or the relay', async ({ app, platform }) => {
  test.setTimeout(60_000);
  const contract = await connectContract(app.host!);
  try {
    const urls = platform.urls('34020000001320000001_34020000001310000001');
    await showPlatformUrls(contract, [urls.flv, urls.hls], { rows: 1, cols: 2 });
    const [flv, hls] = [app.page.getByTestId('tile').nth(0), app.page.getByTestId('tile').nth(1)];
    await expect(flv).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(hls).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(flv.getByTestId('tile-path')).toHaveAttribute('data-path', 'hub');
    await expect(flv.getByTestId('tile-path')).toHaveText('经汇聚服务');
    await expect(hls.getByTestId('tile-path')).toHaveAttribute('data-path', 'relay');
    await expect(hls.getByTestId('tile-path')).toHaveText('中转 HLS');
    await app.page.screenshot({ path: 'test-results/tile-platform-path.png' });
  } finally {
    contract.close();
  }
});
