// Bundles demo-cli.ts the way build/build.mjs does, runs it from a foreign working directory
// (so assets are found from the bundle's location), probes a stream and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAssetsDir } from './assets-dir.js';
import { ffprobeRtsp } from '../testing/rtsp/ffprobe-processes.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('demo-cli bundled by esbuild', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'skywall-demo-cli-'));
    // Same layout as the repo: <root>/dist/main/demo-cli.js next to <root>/assets.
    mkdirSync(path.join(dir, 'dist', 'main'), { recursive: true });
    symlinkSync(resolveAssetsDir(), path.join(dir, 'assets'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
    await build({
      entryPoints: [path.join(repoRoot, 'src-main/demo/demo-cli.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      outfile: path.join(dir, 'dist', 'main', 'demo-cli.js'),
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the stream URLs, serves them, and exits 0 on SIGTERM', async () => {
    const env = { ...process.env };
    delete env.SKYWALL_ASSETS_DIR;
    const proc = spawn(process.execPath, [path.join(dir, 'dist', 'main', 'demo-cli.js'), '--port', '0'], { cwd: tmpdir(), env });
    child = proc;
    let out = '';
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const urls = await new Promise<string[]>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const found = [...out.matchAll(/rtsp:\/\/\S+/g)].map((m) => m[0]);
        if (found.length >= 2) resolve(found);
      });
      proc.on('exit', () => reject(new Error(`demo-cli exited early: ${out}`)));
    });
    expect(urls.map((u) => new URL(u).pathname)).toEqual(['/demo/h264', '/demo/h265']);

    const probe = await ffprobeRtsp(urls[1]);
    expect(probe.streams.map((s) => s.codec_name)).toEqual(['hevc']);

    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: stopping demo camera');
  });
});
