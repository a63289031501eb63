// 一面墙混合三种来源：直连 RTSP 摄像机、WVP-GB28181-pro 平台通道、海康综合安防管理平台（Artemis）监控点。
// One wall mixing a direct RTSP camera, a WVP channel and an Artemis camera: the platforms are
// added the way the add form does (certificate shown and pinned, login, channel listing), and
// all three tiles play through the hub (WVP by WS-FLV demuxed in main, Artemis and the direct
// camera by RTSP). A second WVP channel dragged from the camera tree onto the free tile plays; a
// play session the platform ends is reopened by the tile alone; refreshing the platform's
// channels keeps every tile. The UI runs in Chinese (the default language).
import { startDemoRtspServer, type DemoRtspServer } from '../../../src-main/demo/rtsp/index.js';
import { startFakeArtemis, type FakeArtemis } from '../../../src-main/testing/platforms/fake-artemis.js';
import { startFakeWvp, wvpDevices, type FakeWvp } from '../../../src-main/testing/platforms/fake-wvp.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../../src-main/testing/platforms/flv-live-server.js';
import { LiveClip } from '../../../src-main/testing/platforms/live-clip.js';
import { makeTestCertificate } from '../../../src-main/testing/platforms/test-certificate.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { expectAdvancing } from '../../support/video-probe.js';
import { dragTo } from '../../support/wall-dom.js';

test.use({ hostOnly: true });

let rtsp: DemoRtspServer;
let clip: LiveClip;
let media: FlvLiveServer;
let wvp: FakeWvp;
let isc: FakeArtemis;
const cert = makeTestCertificate();
const WVP_DEVICES = wvpDevices(2, 3);

test.beforeAll(async () => {
  rtsp = await startDemoRtspServer();
  clip = await LiveClip.load('h264');
  clip.start();
  media = await startFlvLiveServer(clip);
  wvp = await startFakeWvp({ username: 'admin', password: '县平台密码', devices: WVP_DEVICES, media, registerDelayMs: 500 });
  isc = await startFakeArtemis({
    appKey: '20261203',
    appSecret: 'iscSecretForTheTest',
    certificate: cert,
    regions: [{ indexCode: 'root', name: '某某县', parentIndexCode: '-1' }],
    cameras: [{ cameraIndexCode: 'isc-0001', cameraName: '县道卡口', cameraType: 2, regionIndexCode: 'root', online: true }],
    previewUrl: () => rtsp.url('/demo/h264'),
  });
});

test.afterAll(async () => {
  await isc?.close();
  await wvp?.close();
  await media?.close();
  clip?.stop();
  await rtsp?.close();
});

test('一面墙同时播放直连摄像机、WVP 通道和 Artemis 监控点', async ({ app }) => {
  test.setTimeout(180_000);
  const contract = await connectContract(app.host!);
  try {
    await contract.call('sw:devices:add', {
      name: '东门直连',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: rtsp.port,
      cameras: [{ id: 'direct-1', name: '东门', ptz: false, sources: [{ profile: 'main', url: rtsp.url('/demo/h264') }] }],
    });
    // WVP through the add form, in Chinese: log in, list the channels, store the platform.
    const page = app.page;
    await page.getByTestId('add-platform').click();
    const form = page.getByTestId('add-platform-form');
    await expect(form).toContainText('添加视频平台');
    await page.getByTestId('platform-kind').selectOption('wvp');
    await page.getByTestId('platform-name').fill('县级国标平台');
    await page.getByTestId('platform-host').fill('127.0.0.1');
    await page.getByTestId('platform-port').fill(String(wvp.port));
    await page.getByTestId('platform-username').fill('admin');
    await page.getByTestId('platform-password').fill('县平台密码');
    await page.getByTestId('platform-test').click();
    await expect(page.getByTestId('platform-note')).toHaveText('登录成功，找到 6 个通道（6 个在线）。');
    await page.getByTestId('platform-submit').click();
    await expect(page.getByTestId('platform-note')).toHaveText('已添加平台，共 6 个通道。');

    // Artemis over HTTPS: refused until the operator has seen and trusted the certificate.
    await page.getByTestId('platform-kind').selectOption('artemis');
    await page.getByTestId('platform-name').fill('综合安防平台');
    await page.getByTestId('platform-host').fill('127.0.0.1');
    await expect(page.getByTestId('platform-https')).toBeChecked();
    await page.getByTestId('platform-port').fill(String(isc.port));
    await page.getByTestId('platform-username').fill('20261203');
    await page.getByTestId('platform-password').fill('iscSecretForTheTest');
    await page.getByTestId('platform-submit').click();
    await expect(page.getByTestId('platform-note')).toHaveText('请先查看并信任平台证书。');
    await page.getByTestId('platform-show-cert').click();
    await expect(page.getByTestId('platform-cert-fingerprint')).toHaveText(cert.sha256.toUpperCase().replace(/(..)(?!$)/g, '$1:'));
    await expect(page.getByTestId('platform-cert')).toContainText('自签名证书');
    await page.screenshot({ path: test.info().outputPath('add-platform-certificate-zh.png') });
    await page.getByTestId('platform-cert-trust').check();
    // A wrong AppSecret: the gateway refuses the signature once, the operator is told so, nothing is retried.
    await page.getByTestId('platform-password').fill('notTheSecret');
    const refused = isc.refused();
    await page.getByTestId('platform-test').click();
    await expect(page.getByTestId('platform-note')).toHaveText('AppKey 或 AppSecret 错误，平台拒绝了签名。请更正后重试（不会自动重试）。');
    await page.waitForTimeout(1500);
    expect(isc.refused()).toBe(refused + 1);
    await page.getByTestId('platform-password').fill('iscSecretForTheTest');
    await page.getByTestId('platform-submit').click();
    await expect(page.getByTestId('platform-note')).toHaveText('已添加平台，共 1 个通道。');
    // The certificate the operator accepted is the one served (checked through the contract too).
    const seen = await contract.call('sw:platforms:certificate', { host: '127.0.0.1', port: isc.port });
    expect(seen.sha256).toBe(cert.sha256);

    const devices = await contract.call('sw:devices:list', {});
    const wvpCam = devices.find((d) => d.kind === 'wvp')!.cameras[0]!;
    const iscCam = devices.find((d) => d.kind === 'artemis')!.cameras[0]!;
    expect(wvpCam).toMatchObject({ externalId: WVP_DEVICES[0]!.channels[0]!.deviceId, subDevice: { id: WVP_DEVICES[0]!.deviceId } });
    expect(iscCam).toMatchObject({ name: '县道卡口', externalId: 'isc-0001', area: ['某某县'] });
    // Nothing secret comes back to the page.
    expect(JSON.stringify(devices)).not.toMatch(/县平台密码|iscSecretForTheTest/);

    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...wall, rows: 2, cols: 2, tiles: [{ cameraId: 'direct-1', profile: 'main' }, { cameraId: wvpCam.id, profile: 'main' }, { cameraId: iscCam.id, profile: 'main' }, { cameraId: null, profile: 'main' }] });
    const tiles = app.page.getByTestId('tile');
    for (const i of [0, 1, 2]) await expect(tiles.nth(i)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expectAdvancing(app.page, [0, 1, 2]);
    expect(media.viewers().ws).toBeGreaterThanOrEqual(1); // the WVP tile came by WS-FLV
    expect(isc.calls.some((c) => c.path === 'video/v2/cameras/previewURLs')).toBe(true);
    await expect(app.page.locator('html')).toHaveAttribute('lang', /zh/);
    await app.page.screenshot({ path: test.info().outputPath('mixed-wall-zh.png') });

    // A second WVP channel dragged from the camera tree onto the free tile plays there.
    const second = WVP_DEVICES[0]!.channels[1]!;
    await page.getByTestId('tree-search').fill(second.name);
    await dragTo(page, page.getByTestId('camera-item').filter({ hasText: second.name }).first(), page.getByTestId('wall-cell').nth(3));
    await expect(tiles.nth(3).getByTestId('tile-name')).toHaveText(second.name);
    await expect(tiles.nth(3)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expectAdvancing(app.page, [3]);
    await page.getByTestId('tree-search').fill('');

    // The platform ends the first channel's play session (as ZLMediaKit does): the tile reopens it alone.
    const starts = () => wvp.calls.filter((c) => c.path === `/api/play/start/${WVP_DEVICES[0]!.deviceId}/${WVP_DEVICES[0]!.channels[0]!.deviceId}`).length;
    const before = starts();
    wvp.endStream(WVP_DEVICES[0]!.deviceId, WVP_DEVICES[0]!.channels[0]!.deviceId);
    await expect.poll(starts, { timeout: 20_000 }).toBeGreaterThan(before);
    await expect(tiles.nth(1)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expectAdvancing(app.page, [1]);

    // Refreshing the platform's channels keeps every camera id, so every tile keeps its camera.
    const names = await tiles.getByTestId('tile-name').allTextContents();
    await form.getByRole('button', { name: '取消' }).click();
    const row = page.getByTestId('platform-row').filter({ hasText: '县级国标平台' });
    await row.getByTestId('platform-refresh').click();
    await expect(row.getByTestId('platform-refresh-note')).toHaveText('已刷新，共 6 个通道：新增 0 个，平台上已不存在 0 个（仍保留，可在树中移除）。');
    expect((await contract.call('sw:devices:list', {})).find((d) => d.kind === 'wvp')!.cameras.map((c) => c.id)).toEqual(devices.find((d) => d.kind === 'wvp')!.cameras.map((c) => c.id));
    await expect.poll(() => tiles.getByTestId('tile-name').allTextContents()).toEqual(names);
    for (const i of [0, 1, 2, 3]) await expect(tiles.nth(i)).toHaveAttribute('data-state', 'live');
    await page.screenshot({ path: test.info().outputPath('platform-refreshed-zh.png') });
  } finally {
    contract.close();
  }
});

