// Electron's security checklist, item by item, against the code that ships: the window options,
// session handlers, protocol handler and CSP in electron-main.ts, and the fuses in
// electron-builder.yml. The Electron binary is absent here, so the source is read, not run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../base/http/csp.js';

const root = path.resolve(__dirname, '..', '..');
const main = readFileSync(path.join(root, 'src-main/app/electron-main.ts'), 'utf8');
const builder = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

/** The text of `webPreferences: { ... }` in the BrowserWindow options. */
function webPreferences(): string {
  const start = main.indexOf('webPreferences: {');
  expect(start, 'BrowserWindow webPreferences').toBeGreaterThan(0);
  let depth = 0;
  for (let i = main.indexOf('{', start); i < main.length; i++) {
    if (main[i] === '{') depth++;
    if (main[i] === '}' && --depth === 0) return main.slice(start, i + 1);
  }
  throw new Error('unterminated webPreferences');
}

describe('Electron security checklist', () => {
  const prefs = webPreferences();

  it('isolates and sandboxes the renderer, with no Node in it (items 2, 3, 4)', () => {
    expect(prefs).toMatch(/\bcontextIsolation:\s*true\b/);
    expect(prefs).toMatch(/\bsandbox:\s*true\b/);
    expect(prefs).toMatch(/\bnodeIntegration:\s*false\b/);
    expect(prefs).not.toMatch(/nodeIntegrationIn(SubFrames|Worker):\s*true/);
  });

  it('keeps web security on: no insecure content, no experimental or Blink features (items 6, 8, 9, 10)', () => {
    expect(prefs).toMatch(/\bwebSecurity:\s*true\b/);
    expect(prefs).toMatch(/\ballowRunningInsecureContent:\s*false\b/);
    expect(prefs).toMatch(/\bexperimentalFeatures:\s*false\b/);
    expect(main).not.toMatch(/enableBlinkFeatures/);
    expect(main).not.toMatch(/webviewTag:\s*true/);
  });

  it('decides permissions: requests and checks allow fullscreen only (item 5)', () => {
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, permission, cb\) => cb\(permission === 'fullscreen'\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(_wc, permission\) => permission === 'fullscreen'\)/);
  });

  it('refuses navigation, webviews and new windows (items 11, 12, 13)', () => {
    expect(main).toMatch(/on\('will-navigate', \(e\) => e\.preventDefault\(\)\)/);
    expect(main).toMatch(/on\('will-attach-webview', \(e\) => e\.preventDefault\(\)\)/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(main).not.toMatch(/shell\.openExternal/);
  });

  it('serves the renderer from a custom protocol with the CSP, never file:// (items 7, 18)', () => {
    expect(main).toMatch(/registerSchemesAsPrivileged\(\[\{ scheme: 'app'/);
    expect(main).toMatch(/protocol\.handle\('app'/);
    expect(main).toMatch(/headers\.set\('content-security-policy', csp\)/);
    expect(main).toMatch(/loadURL\(`\$\{APP_ORIGIN\}\/index\.html`\)/);
    expect(main).not.toMatch(/loadFile\(|loadURL\(['`"]file:/);
    // The protocol handler refuses paths outside the renderer folder.
    expect(main).toMatch(/if \(!file\.startsWith\(rendererDir \+ path\.sep\)\) return new Response\('forbidden', \{ status: 403 \}\)/);
  });

  it('has a strict CSP: nothing by default, scripts from self only, no eval, no inline (item 7)', () => {
    const csp = contentSecurityPolicy(0);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*:\/\/\*|https?:\/\/\*/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
  });

  it('packages with the fuses set (item 19)', () => {
    const fuses = /electronFuses:\n((?:[ \t]+\w+: \w+\n?)+)/.exec(builder)?.[1] ?? '';
    expect(fuses).toMatch(/runAsNode: false/);
    expect(fuses).toMatch(/enableNodeOptionsEnvironmentVariable: false/);
    expect(fuses).toMatch(/enableNodeCliInspectArguments: false/);
    expect(fuses).toMatch(/enableEmbeddedAsarIntegrityValidation: true/);
    expect(fuses).toMatch(/onlyLoadAppFromAsar: true/);
    expect(fuses).toMatch(/enableCookieEncryption: true/);
    expect(fuses).toMatch(/grantFileProtocolExtraPrivileges: false/);
  });
});
