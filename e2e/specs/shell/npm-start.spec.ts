import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../support/browser.js';
import { guardCsp } from '../../support/csp-guard.js';
import { ROOT } from '../../support/host-app.js';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore: plain ESM helper shared with the start script
import { electronBinary } from '../../../build/electron-binary.mjs';

test('npm start without an Electron binary says so in one line and serves the app in host mode', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-start-'));
  // What `npm start` runs after building (the e2e run has built already).
  // Where Electron is installed, point its lookup at an empty folder: the machine then looks like this one.
  const noElectron = electronBinary() === undefined ? {} : { ELECTRON_OVERRIDE_DIST_PATH: path.join(dataDir, 'no-electron') };
  const child = spawn(process.execPath, [path.join(ROOT, 'build/start.mjs')], { env: { ...process.env, ...noElectron, SKYWALL_DATA_DIR: dataDir, DISPLAY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let url: string | undefined;
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  try {
    await expect.poll(() => /SKYWALL_URL=(\S+)/.exec(out)?.[1], { timeout: 20_000 }).toBeTruthy();
    expect(out.split('\n').filter((l) => /Electron binary not found/.test(l))).toHaveLength(1);
    url = /SKYWALL_URL=(\S+)/.exec(out)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    const browser = await launchChromium();
    const page = await browser.newPage();
    const csp = await guardCsp(page);
    await page.goto(url);
    await expect(page.getByTestId('app-title')).toHaveText('天幕视频墙');
    await expect(page.getByTestId('camera-item').first()).toBeVisible();
    await browser.close();
    csp.expectNone();
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Stopping npm start stops host mode too: nothing keeps serving.
  expect(url).toBeDefined();
  await expect(fetch(url!)).rejects.toThrow();
});
