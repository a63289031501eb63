// Runs ffprobe/ffmpeg for this folder's tests and always reaps them (killed on timeout).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

export function runProcess(cmd: string, args: string[], timeoutMs = 15_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - t0 });
    });
  });
}

export interface ProbedStream {
  codec_name: string;
  width: number;
  height: number;
}

export async function ffprobeRtsp(url: string): Promise<{ result: ProcessResult; streams: ProbedStream[] }> {
  const result = await runProcess('ffprobe', ['-rtsp_transport', 'tcp', '-v', 'error', '-show_streams', '-of', 'json', url]);
  let streams: ProbedStream[];
  try {
    streams = (JSON.parse(result.stdout) as { streams?: ProbedStream[] }).streams ?? [];
  } catch {
    streams = []; // ffprobe printed nothing parseable (it failed)
  }
  return { result, streams };
}
