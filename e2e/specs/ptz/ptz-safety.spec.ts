// Safe stop when the controlling side goes away: the page's connection to main drops in the middle
// of a held move (no keyup, no stop sent), and main itself is killed and started again. The demo ONVIF dome records
// every command with its arrival time.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { connectContract } from '../../support/contract-client.js';
import { startHostApp, type HostApp } from '../../support/host-app.js';
import { openPtz, ptzScene, stubCommands } from '../../support/ptz-scene.js';

/** Keeps, in the page, its socket to main and when it last sent a PTZ move (wall clock, ms). */
async function stampMoves(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      const w = window as unknown as { __lastMove: number; __ws: WebSocket };
      w.__ws = this;
      if (typeof data === 'string' && data.includes('sw:ptz:move')) w.__lastMove = performance.timeOrigin + performance.now();
      return send.call(this, data);
    };
  });
}

test('页面与主程序的连接在按住方向键时断开：球机在最后一次续发后 500 ms 内停止', async () => {
  const browser = await launchChromium();
  const host = await startHostApp();
  const contract = await connectContract(host);
  const stub = await ptzScene(contract);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await stampMoves(page);
    await page.goto(await host.newPageUrl());
    await openPtz(page);
    await page.keyboard.down('ArrowRight');
    await expect.poll(() => stubCommands(stub, 'ContinuousMove').length).toBeGreaterThan(0);
    await page.waitForTimeout(600);
    expect(stubCommands(stub, 'Stop')).toHaveLength(0);
    // The connection drops with the key still down: nothing more reaches main, not even a stop.
    const lastRenewal = await page.evaluate(() => {
      const w = window as unknown as { __lastMove: number; __ws: WebSocket };
      w.__ws.close();
      return w.__lastMove;
    });
    await expect.poll(() => stubCommands(stub, 'Stop').length, { timeout: 3000 }).toBe(1);
    expect(stubCommands(stub, 'Stop')[0]!.at - lastRenewal).toBeLessThan(500);
  } finally {
    contract.close();
    await browser.close();
    await stub.close();
    await host.stop();
  }
});

test('主程序在球机转动时被强行结束：重新启动的主程序一启动就停止它', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-e2e-ptz-restart-'));
  const browser = await launchChromium();
  let host: HostApp | undefined = await startHostApp({ dataDir });
  const contract = await connectContract(host);
  const stub = await ptzScene(contract);
  contract.close();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(await host.newPageUrl());
    await openPtz(page);
    await page.keyboard.down('ArrowRight');
    await expect.poll(() => stubCommands(stub, 'ContinuousMove').length).toBeGreaterThan(0);
    await page.waitForTimeout(300);

    await host.kill();
    host = undefined;
    await page.keyboard.up('ArrowRight');
    await page.waitForTimeout(500);
    // Nobody told the camera to stop: only its own 2 s timeout would end the move.
    expect(stubCommands(stub, 'Stop')).toHaveLength(0);

    const restarting = Date.now();
    host = await startHostApp({ dataDir });
    const up = Date.now();
    await expect.poll(() => stubCommands(stub, 'Stop').length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    const stop = stubCommands(stub, 'Stop')[0]!.at;
    // From the moving record, while it starts: no later than half a second after it is up.
    expect(stop).toBeGreaterThanOrEqual(restarting);
    expect(stop - up).toBeLessThan(500);
  } finally {
    await browser.close();
    await stub.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
