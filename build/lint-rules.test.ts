import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The import-direction rules are behaviour: feed ESLint code that breaks them and expect errors.
const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import-direction lint', () => {
  it('rejects raw ipcRenderer outside the wrappers', async () => {
    expect(await ruleIds('src-main/services/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toContain('no-restricted-imports');
  });

  it('rejects raw ipcMain outside the wrappers', async () => {
    expect(await ruleIds('src-main/media/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toContain('no-restricted-imports');
  });

  it('rejects electron in the renderer', async () => {
    expect(await ruleIds('src-renderer/features/x.ts', "import { shell } from 'electron';\nexport const a = shell;\n")).toContain('no-restricted-imports');
  });

  it('rejects node and electron in common', async () => {
    expect(await ruleIds('src-main/common/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
  });

  it('rejects bridge access outside renderer services', async () => {
    expect(await ruleIds('src-renderer/features/x.ts', "import { connectWsBridge } from '../services/ws-bridge.js';\nexport const a = connectWsBridge;\n")).toContain('no-restricted-imports');
  });

  it('allows the wrappers and the renderer services', async () => {
    expect(await ruleIds('src-main/preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toEqual([]);
    expect(await ruleIds('src-renderer/services/x.ts', "import { connectWsBridge } from './ws-bridge.js';\nexport const a = connectWsBridge;\n")).toEqual([]);
  });
});
