// Tile actions in Chinese: the hover toolbar and the context menu; main/sub chosen by hand;
// a snapshot PNG with the camera's name and time burnt in, saved into the chosen folder and in
// the audit log; sound from one tile at a time; digital zoom by wheel and pan by drag (the
// zoomed tile asks for the main stream); statistics; maximise; clear asks first; a tile whose
// password was refused opens the device editor.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGstRtspServer, type GstRtspServer } from '../../fixtures/gst-rtsp.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';

test.use({ hostOnly: true });

test('tile toolbar and menu: main/sub, snapshot with name and time, one audible tile, digital zoom, stats, maximise, clear, fix credentials', async ({ app }) => {
  test.setTimeout(150_000);
  const { page, host } = app;
  let main: GstRtspServer | undefined;
  let sub: GstRtspServer | undefined;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sw-snapshots-'));
  const contract = await connectContract(host!);
  try {
    main = await startGstRtspServer({ width: 960, height: 540, fps: 15, password: 'Right-Pass1' });
    sub = await startGstRtspServer({ width: 320, height: 180, fps: 15 });
    const sources = (id: string) => [
      { profile: 'main' as const, url: main!.url('/h264'), codec: 'h264' as const },
      { profile: 'sub' as const, url: sub!.url(id === 'east' ? '/h264' : '/h264-slices'), codec: 'h264' as const },
    ];
    await contract.call('sw:devices:add', {
      name: '操作测试',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: main.port,
      cameras: [
        { id: 'east', name: '东门', ptz: false, sources: sources('east') },
        { id: 'west', name: '西门', ptz: false, sources: sources('west') },
      ],
    });
    await contract.call('sw:devices:add', {
      name: '仓库',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: main.authPort,
      username: 'admin',
      password: 'wrong',
      cameras: [{ id: 'store', name: '仓库门', ptz: false, sources: [{ profile: 'main', url: main.authUrl, codec: 'h264' }] }],
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', {
      id: wall.id,
      name: wall.name,
      rows: 2,
      cols: 2,
      tiles: [
        { cameraId: 'east', profile: 'sub' },
        { cameraId: 'west', profile: 'sub' },
        { cameraId: 'store', profile: 'sub' },
        { cameraId: null, profile: 'sub' },
      ],
    });
    const tiles = page.getByTestId('tile');
    const [east, west, store] = [tiles.nth(0), tiles.nth(1), tiles.nth(2)];
    await expect(east).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(west).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(east).toHaveAttribute('data-profile', 'sub');

    // Hover toolbar.
    await east.hover();
    const toolbar = east.getByTestId('tile-toolbar');
    await expect(toolbar).toBeVisible();
    await expect(toolbar).toContainText('最大化');
    await expect(toolbar).toContainText('抓拍');
    await expect(toolbar).toContainText('打开声音');
    await page.screenshot({ path: 'test-results/tile-toolbar.png' });

    // Context menu: the operator picks the main stream for this tile, then back to automatic.
    await east.click({ button: 'right', position: { x: 60, y: 60 } });
    const menu = page.getByTestId('tile-menu');
    await expect(menu).toBeVisible();
    for (const label of ['最大化', '全屏', '主码流', '子码流', '抓拍', '整墙抓拍', '打开声音', '数字放大', '画面统计', '轮巡', '清空窗格']) await expect(menu).toContainText(label);
    await page.screenshot({ path: 'test-results/tile-menu.png' });
    await menu.getByTestId('tile-menu-main').click();
    await expect(menu).toBeHidden();
    await expect(east).toHaveAttribute('data-profile', 'main');
    await expect.poll(() => east.locator('video:not(.sw-video-under)').last().evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBe(960);
    await east.click({ button: 'right', position: { x: 60, y: 60 } });
    await menu.getByTestId('tile-menu-main').click();
    await expect(east).toHaveAttribute('data-profile', 'sub');

    // Snapshot into a chosen folder, with the name and time burnt in, and audited.
    await east.click({ button: 'right', position: { x: 60, y: 60 } });
    await menu.getByTestId('tile-menu-snapshot-folder').click();
    await page.getByTestId('snapshot-folder-input').fill('相对路径');
    await expect(page.getByTestId('snapshot-folder')).toContainText('请填写完整路径');
    await page.getByTestId('snapshot-folder-input').fill(folder);
    await page.getByTestId('snapshot-folder-save').click();
    await expect.poll(() => east.locator('video:not(.sw-video-under)').last().evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBe(320);
    const before = Date.now();
    await east.hover();
    await east.getByTestId('tile-action-snapshot').click();
    await expect(east.getByTestId('tile-notice')).toContainText(`已保存抓拍：${folder}`);
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^东门_\d{8}-\d{6}-\d{3}\.png$/);
    const png = readFileSync(path.join(folder, files[0]!));
    expect(png.readUInt32BE(16)).toBe(320); // IHDR width and height: the stream's own resolution
    expect(png.readUInt32BE(20)).toBe(180);
    // The burnt-in plate: a dark band along the bottom with light text in it; the picture above untouched.
    const checkContext = await page.context().browser()!.newContext();
    const check = await checkContext.newPage();
    const plate = await check.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const band = ctx.getImageData(0, img.height - 18, img.width, 18).data;
      let light = 0;
      let dark = 0;
      for (let i = 0; i < band.length; i += 4) {
        if (band[i]! > 200 && band[i + 1]! > 200 && band[i + 2]! > 200) light++;
        else if (band[i]! < 40) dark++;
      }
      return { light, dark, pixels: band.length / 4 };
    }, png.toString('base64'));
    await checkContext.close();
    expect(plate.dark / plate.pixels).toBeGreaterThan(0.5);
    expect(plate.light).toBeGreaterThan(50);
    const audit = await contract.call('sw:audit:list', { kinds: ['tile.snapshot'] });
    expect(audit.entries).toHaveLength(1);
    expect(JSON.stringify(audit.entries[0])).toContain(files[0]!);
    expect(Date.parse(audit.entries[0]!.at)).toBeGreaterThanOrEqual(before - 1000);

    // Sound: one tile at a time.
    await east.getByTestId('tile-action-audio').click();
    await expect(east).toHaveAttribute('data-audible', 'true');
    expect(await east.locator('video').last().evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
    await west.hover();
    await west.getByTestId('tile-action-audio').click();
    await expect(west).toHaveAttribute('data-audible', 'true');
    await expect(east).not.toHaveAttribute('data-audible', 'true');
    expect(await east.locator('video').last().evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);

    // Digital zoom on the west tile by wheel, pan by drag; zoomed it asks for the main stream.
    const box = (await west.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
    await page.mouse.wheel(0, -300);
    await page.mouse.wheel(0, -300);
    await expect(west).toHaveAttribute('data-zoom', /^(1\.[5-9]|[2-8])/);
    await expect(west).toHaveAttribute('data-profile', 'main');
    await expect(west.getByTestId('tile-zoom')).toContainText('数字放大');
    const slot = west.locator('.sw-tile-video');
    const t0 = await slot.evaluate((el) => getComputedStyle(el).transform);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => slot.evaluate((el) => getComputedStyle(el).transform)).not.toBe(t0);
    await page.screenshot({ path: 'test-results/tile-zoomed.png' });
    await west.getByTestId('tile-action-zoom-reset').click();
    await expect(west).not.toHaveAttribute('data-zoom', /.+/);
    await expect(west).toHaveAttribute('data-profile', 'sub');

    // Statistics and maximise from the menu.
    await west.click({ button: 'right', position: { x: 60, y: 60 } });
    await menu.getByTestId('tile-menu-stats').click();
    await expect(west.getByTestId('tile-stats')).toBeVisible();
    await west.click({ button: 'right', position: { x: 60, y: 60 } });
    await menu.getByTestId('tile-menu-maximise').click();
    await expect(page.getByTestId('wall-cell').nth(0)).toBeHidden();
    await expect(west).toHaveAttribute('data-profile', 'main');
    await west.click({ button: 'right', position: { x: 60, y: 60 } });
    await expect(menu.getByTestId('tile-menu-maximise')).toContainText('还原');
    await menu.getByTestId('tile-menu-maximise').click();
    await expect(page.getByTestId('wall-cell').nth(0)).toBeVisible();

    // Clear asks first.
    await west.click({ button: 'right', position: { x: 60, y: 60 } });
    await menu.getByTestId('tile-menu-clear').click();
    await expect(page.getByTestId('remove-confirm')).toContainText('西门');
    await page.getByTestId('remove-cancel').click();

    // A refused password: the tile's button opens the device editor on that device.
    await expect(store).toHaveAttribute('data-state', 'auth_failed', { timeout: 20_000 });
    await store.getByTestId('tile-fix-credentials').click();
    await expect(page.getByTestId('device-editor')).toBeVisible();
    await expect(page.getByTestId('device-editor')).toHaveAttribute('aria-label', /仓库/);
  } finally {
    contract.close();
    rmSync(folder, { recursive: true, force: true });
    await main?.stop();
    await sub?.stop();
  }
});
