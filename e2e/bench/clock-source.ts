// Live pixel-clock camera: draws Date.now() into raw yuv420p frames at a fixed rate (paced on the
// monotonic clock), feeds them to ffmpeg/libx264 (zerolatency, no B-frames, fixed GOP) and hands
// out each encoded picture as soon as ffmpeg writes it, with the stamp it carries.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { FlvH264Reader, type AvcParameterSets } from './flv-h264-reader.js';
import { drawPixelClock, clockBandHeight } from './pixel-clock.js';

export interface ClockUnit {
  /** NAL units; keyframes carry SPS and PPS in front, as cameras send them. */
  nalus: Uint8Array[];
  keyframe: boolean;
  /** Picture number since the source started (RTP time = index * 90000 / fps). */
  index: number;
  /** Date.now() drawn into this picture (when it was written to the encoder). */
  stampMs: number;
  /** performance.now() when the raw picture was written and when its encoded form came back. */
  writtenMono: number;
  encodedMono: number;
}

export interface ClockSourceOptions {
  width: number;
  height: number;
  fps?: number;
  gop?: number;
  /** Encoder target in kbit/s (CBR-like, VBV-limited as cameras are). */
  kbps?: number;
}

export interface ClockSource {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly params: AvcParameterSets;
  subscribe(listener: (unit: ClockUnit) => void): () => void;
  /** Pictures written late because the event loop was busy (more than half a frame). */
  readonly lateWrites: number;
  /** Encoder delays (encodedMono - writtenMono) so far, ms. */
  readonly encodeDelays: number[];
  stop(): Promise<void>;
}

const NAL_SPS = 7;

/** Smooth noise texture twice the frame width, scrolled under the clock so the encoder has real work. */
function makeTexture(width: number, rows: number): Uint8Array {
  const w = width * 2;
  const tex = new Uint8Array(w * rows);
  let s = 0x2545f491;
  for (let i = 0; i < tex.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    tex[i] = 60 + ((s >>> 0) % 120);
  }
  // One box blur pass each way keeps it compressible, like a real scene.
  for (let y = 0; y < rows; y++) for (let x = 1; x < w - 1; x++) tex[y * w + x] = (tex[y * w + x - 1] + tex[y * w + x] + tex[y * w + x + 1]) / 3;
  for (let y = 1; y < rows - 1; y++) for (let x = 0; x < w; x++) tex[y * w + x] = (tex[(y - 1) * w + x] + tex[y * w + x] + tex[(y + 1) * w + x]) / 3;
  return tex;
}

export function startClockSource(opts: ClockSourceOptions): Promise<ClockSource> {
  const { width, height } = opts;
  const fps = opts.fps ?? 25;
  const gop = opts.gop ?? fps;
  const kbps = opts.kbps ?? Math.round((width * height * fps) / 9000); // ~2.5 Mbit/s at 720p25
  const frameBytes = (width * height * 3) / 2;
  const band = clockBandHeight(height);
  const texRows = height - band;
  const texture = makeTexture(width, texRows);
  const template = Buffer.alloc(frameBytes, 128); // grey luma, neutral chroma

  const ff: ChildProcess = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error'],
      ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s:v', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0'],
      ...['-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0'],
      ...['-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0'],
      ...['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${Math.round(kbps / 2)}k`],
      ...['-flush_packets', '1', '-f', 'flv', 'pipe:1'],
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  ff.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
  ff.stdin?.on('error', () => undefined); // ffmpeg gone: reported through 'exit'

  const listeners = new Set<(u: ClockUnit) => void>();
  const pending: Array<{ stampMs: number; writtenMono: number }> = [];
  const encodeDelays: number[] = [];
  const reader = new FlvH264Reader();
  let written = 0;
  let emitted = 0;
  let lateWrites = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const writeFrame = (k: number): void => {
    const frame = Buffer.allocUnsafe(frameBytes);
    template.copy(frame);
    const shift = (k * 4) % width;
    for (let y = 0; y < texRows; y++) {
      const src = y * width * 2 + shift;
      frame.set(texture.subarray(src, src + width), (band + y) * width);
    }
    const stampMs = Date.now();
    drawPixelClock(frame, width, height, stampMs);
    pending.push({ stampMs, writtenMono: performance.now() });
    ff.stdin?.write(frame);
  };

  const start = performance.now();
  const tick = (): void => {
    if (stopped) return;
    const frameMs = 1000 / fps;
    const now = performance.now();
    while (start + written * frameMs <= now) {
      if (now - (start + written * frameMs) > frameMs / 2) lateWrites++;
      writeFrame(written++);
    }
    timer = setTimeout(tick, Math.max(0, start + written * frameMs - performance.now()));
  };

  return new Promise((resolve, reject) => {
    let resolved = false;
    ff.on('error', (e) => reject(new Error(`cannot start ffmpeg for the clock source: ${e.message}`)));
    ff.on('exit', (code) => {
      stopped = true;
      clearTimeout(timer);
      if (!resolved) reject(new Error(`clock encoder exited (${code}): ${stderr.trim()}`));
    });
    ff.stdout?.on('data', (chunk: Buffer) => {
      const units = reader.push(chunk);
      const params = reader.params;
      if (!params) return;
      for (const u of units) {
        const meta = pending.shift();
        if (!meta) continue;
        const encodedMono = performance.now();
        encodeDelays.push(encodedMono - meta.writtenMono);
        const hasSps = u.nalus.some((n) => (n[0] & 0x1f) === NAL_SPS);
        const nalus = u.keyframe && !hasSps ? [params.sps, params.pps, ...u.nalus] : u.nalus;
        const unit: ClockUnit = { nalus, keyframe: u.keyframe, index: emitted++, stampMs: meta.stampMs, writtenMono: meta.writtenMono, encodedMono };
        for (const l of listeners) l(unit);
      }
      if (!resolved) {
        resolved = true;
        resolve(source);
      }
    });
    const source: ClockSource = {
      width,
      height,
      fps,
      get params() {
        return reader.params!;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      get lateWrites() {
        return lateWrites;
      },
      encodeDelays,
      async stop() {
        stopped = true;
        clearTimeout(timer);
        listeners.clear();
        if (ff.exitCode !== null) return;
        const exited = new Promise((r) => ff.once('exit', r));
        ff.stdin?.end();
        ff.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (ff.exitCode === null) ff.kill('SIGKILL');
      },
    };
    tick();
  });
}
