import { expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../support/browser.js';
import { guardCsp } from '../../support/csp-guard.js';
import { startHostApp } from '../../support/host-app.js';

test('a corrupt settings file is moved aside and the operator is told, in Chinese', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-corrupt-'));
  const garbage = '{"schemaVersion": 1, "settings": {"locale": "zh-CN"'; // cut off mid-write
  writeFileSync(path.join(dataDir, 'skywall.json'), garbage);
  const host = await startHostApp({ dataDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const csp = await guardCsp(page);
    await page.goto(host.url);
    const banner = page.getByTestId('problems');
    await expect(banner).toContainText('配置文件');
    await expect(banner).toContainText('已损坏');
    const moved = readdirSync(dataDir).filter((f) => /^skywall\.corrupt-\d{8}T\d{6}Z.*\.json$/.test(f));
    expect(moved).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, moved[0]!), 'utf8')).toBe(garbage); // nothing lost
    await expect(banner).toContainText(moved[0]!);
    csp.expectNone();
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
