// NVR download from the demo camera's archive (a real RTSP server with a 30-minute recording
// with gaps): a 5-minute span with Rate-Control: no, faster than real time, the gap kept at
// its real length in the MP4 and listed in the metadata, the recorder clock offset recorded.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { probePacketTimes, probeVideo } from '../../testing/export/mp4-check.js';
import { sampleMetadata } from '../../testing/export/package-kit.js';
import type { ExportDetails } from '../export-replay.js';
import type { ExportMetadata } from '../package/metadata.js';
import { signerFromPrivateKey } from '../package/signing-key.js';
import { verifyExportFolder } from '../verify/verify-package.js';
import { exportFromRecorder } from './export-recording.js';

const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const { camera, device, channel, operator, workstation, appVersion, caseReference, reason } = sampleMetadata();
const details: ExportDetails = { camera, device, channel, operator, workstation, appVersion, caseReference, reason };

/** The recorder's clock runs 2 minutes ahead of the workstation's. */
const OFFSET_MS = 120_000;
let server: DemoRtspServer;
let dir = '';
let archiveStart = 0;

beforeAll(async () => {
  server = await startDemoRtspServer({ streams: [] }); // the default archives: 30 minutes, gaps of 45 s, 100 s and 3 s
  dir = await mkdtemp(path.join(tmpdir(), 'skywall-nvr-'));
  const sdp = await describeArchive(server.url('/demo/h264/archive'));
  archiveStart = Date.parse(/a=range:clock=(\d{8}T\d{6}Z)/.exec(sdp)![1].replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z'));
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function describeArchive(url: string): Promise<string> {
  const { connect } = await import('node:net');
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname, () => socket.write(`DESCRIBE ${url} RTSP/1.0\r\nCSeq: 1\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (/\r\n\r\n[\s\S]*m=video[\s\S]*\r\n$/.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

describe('NVR download', () => {
  it('downloads 5 minutes across a 100 s gap well under 5 minutes, with the gap kept and recorded', async () => {
    // Recorder time 15:00 to 20:00 into the archive; the recording stops at 16:20 and resumes at 18:00.
    const recorderFrom = archiveStart + 15 * 60_000;
    const range = { from: recorderFrom - OFFSET_MS, to: recorderFrom - OFFSET_MS + 5 * 60_000 };
    const parentDir = path.join(dir, 'usb');
    await import('node:fs/promises').then((fs) => fs.mkdir(parentDir));
    const downloads: number[] = [];
    const t0 = Date.now();
    const result = await exportFromRecorder({
      source: { url: server.url('/demo/h264/archive'), onvif: true },
      range,
      clockOffsetMs: OFFSET_MS,
      scratchDir: path.join(dir, 'scratch'),
      parentDir,
      details,
      signer,
      onDownload: (done) => downloads.push(done),
    });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(60_000);
    expect(result.download.elapsedMs).toBeLessThan(60_000);
    expect(result.download.recorderTimes).toBe(true);
    expect(result.download.discontinuities).toBe(1);
    expect(downloads.at(-1)).toBe(5 * 60_000);

    const meta = JSON.parse(await readFile(path.join(result.folder, 'metadata.json'), 'utf8')) as ExportMetadata;
    expect(meta.sourceType).toBe('nvr_download');
    expect(meta.recorderClockOffsetMs).toBe(OFFSET_MS);
    expect(meta.requestedRange).toEqual({ startUtc: new Date(recorderFrom).toISOString(), endUtc: new Date(recorderFrom + 5 * 60_000).toISOString() });
    expect(meta.startUtc).toBe(new Date(recorderFrom).toISOString());
    expect(meta.endUtc).toBe(new Date(recorderFrom + 5 * 60_000).toISOString());
    expect(meta.gaps).toEqual([
      { startUtc: new Date(archiveStart + (16 * 60 + 20) * 1000).toISOString(), endUtc: new Date(archiveStart + 18 * 60_000).toISOString(), durationMs: 100_000 },
    ]);
    expect(meta.video.frames).toBe(200 * 25);

    // The MP4 itself: every picture decodes, and the timeline jumps by the gap's real length.
    const clip = path.join(result.folder, meta.clipFiles[0]);
    const probed = await probeVideo(clip);
    expect(Number(probed.nb_read_frames)).toBe(200 * 25);
    const times = await probePacketTimes(clip);
    const beforeGap = 80 * 25 - 1; // 15:00 to 16:20 is 80 s of pictures
    expect(times[0]).toBe(0);
    expect(times[beforeGap]).toBeCloseTo(80 - 0.04, 3);
    expect(times[beforeGap + 1]).toBeCloseTo(180, 3);
    expect(times.at(-1)).toBeCloseTo(300 - 0.04, 3);

    expect((await verifyExportFolder(result.folder)).ok).toBe(true);
    await expect(readdir(path.join(dir, 'scratch'))).rejects.toThrow(); // the scratch download is gone
  }, 120_000);

  it('a span that starts in a gap begins at the next recording and says what was asked', async () => {
    const gapStart = archiveStart + 7 * 60_000; // 45 s gap
    const parentDir = path.join(dir, 'usb2');
    await import('node:fs/promises').then((fs) => fs.mkdir(parentDir));
    const result = await exportFromRecorder({
      source: { url: server.url('/demo/h264/archive'), onvif: true },
      range: { from: gapStart + 10_000, to: gapStart + 50_000 },
      clockOffsetMs: 0,
      scratchDir: path.join(dir, 'scratch2'),
      parentDir,
      details,
      signer,
    });
    expect(result.metadata.startUtc).toBe(new Date(gapStart + 45_000).toISOString());
    expect(result.metadata.requestedRange?.startUtc).toBe(new Date(gapStart + 10_000).toISOString());
    expect(result.metadata.gaps).toEqual([]);
    expect(result.metadata.video.frames).toBe(5 * 25);
  }, 60_000);

  it('a span with no recording fails with a clear error and leaves nothing behind', async () => {
    const gapStart = archiveStart + 7 * 60_000;
    const parentDir = path.join(dir, 'usb3');
    await import('node:fs/promises').then((fs) => fs.mkdir(parentDir));
    await expect(
      exportFromRecorder({
        source: { url: server.url('/demo/h264/archive'), onvif: true },
        range: { from: gapStart + 1_000, to: gapStart + 40_000 },
        clockOffsetMs: null,
        scratchDir: path.join(dir, 'scratch3'),
        parentDir,
        details,
        signer,
      }),
    ).rejects.toMatchObject({ params: { status: 457 } });
    expect(await readdir(parentDir)).toEqual([]);
  }, 30_000);
});
