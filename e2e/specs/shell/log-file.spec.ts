import { expect, test } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startHostApp } from '../../support/host-app.js';

test('host mode keeps a log file in its data folder, readable by its owner only, with the token masked', async () => {
  const host = await startHostApp();
  try {
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token');
    expect(token).toBeTruthy();
    const file = path.join(host.dataDir, 'logs', 'skywall.log');
    await expect.poll(() => { try { return readFileSync(file, 'utf8'); } catch { return ''; } }).toMatch(/ INFO {2}\[host\] host mode on http:\/\/127\.0\.0\.1:\d+\/#token=\*\*\* \(data in /);
    expect(readFileSync(file, 'utf8')).not.toContain(token!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The console keeps its own lines (the URL to open); the file's info lines stay in the file.
    expect(host.output()).not.toContain('[host] host mode on');
  } finally {
    await host.stop();
  }
});
