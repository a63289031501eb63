// Test support for export packages: sample metadata, and the package's own offline verifiers
// (verify.mjs under Node, verify.html in Chromium) run the way a recipient would run them.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import type { ExportMetadataInput } from '../../export/package/metadata.js';

const run = promisify(execFile);

export function sampleMetadata(over: Partial<ExportMetadataInput> = {}): ExportMetadataInput {
  return {
    camera: { id: 'cam-7', name: '大门 东侧' },
    device: { id: 'nvr-1', name: '一楼 NVR' },
    channel: '7',
    startUtc: '2026-03-01T08:00:00.000Z',
    endUtc: '2026-03-01T08:01:00.000Z',
    recorderClockOffsetMs: null,
    sourceType: 'replay_buffer',
    operator: '张伟',
    workstation: 'wall-01',
    appVersion: '0.1.0',
    exportedAtUtc: '2026-03-01T08:05:00.000Z',
    caseReference: 'AJ-2026-0301',
    reason: '走失儿童 / lost child',
    video: { codec: 'h264', codecString: 'avc1.64001f', width: 1280, height: 720, frames: 1500 },
    gaps: [],
    container: { format: 'mp4', muxer: 'skywall', streamCopied: true },
    ...over,
  };
}

/** A verifier's findings as `KIND file` strings, comparable across the three verifiers. */
export type Findings = { ok: boolean; problems: string[]; text: string };

function findingsFromLines(text: string): Findings {
  const lines = text.trim().split('\n');
  const problems = lines
    .map((l) => /^([A-Z]+) (\S+) \/ /.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`)
    .sort();
  return { ok: lines[0].startsWith('OK'), problems, text };
}

/** `node verify.mjs` inside the folder, as a recipient without Skywall would run it. */
export async function runPackageScript(folder: string): Promise<Findings> {
  const r = await run(process.execPath, [path.join(folder, 'verify.mjs')], { cwd: folder }).catch((e: { stdout: string; code: number }) => e);
  const f = findingsFromLines(r.stdout);
  if ((('code' in r && r.code) || 0) !== (f.ok ? 0 : 1)) throw new Error(`verify.mjs exit code disagrees with its output:\n${r.stdout}`);
  return f;
}

/** verify.html opened from the folder in Chromium, the folder chosen in its file picker. */
export async function runPackagePage(browser: Browser, folder: string): Promise<Findings> {
  const page = await browser.newPage();
  try {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(path.join(folder, 'verify.html')).href);
    await page.setInputFiles('#folder', folder);
    await page.waitForSelector('#result[data-ok]');
    const text = (await page.textContent('#result')) ?? '';
    if (requests.length) throw new Error(`verify.html made network requests: ${requests.join(', ')}`);
    return findingsFromLines(text);
  } finally {
    await page.close();
  }
}
