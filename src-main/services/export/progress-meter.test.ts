import { describe, expect, it } from 'vitest';
import { ProgressMeter, type ExportProgressView } from './progress-meter.js';

describe('progress meter', () => {
  it('a recorder download reports recorded time of the span and the time left at its pace, then the write reports bytes', () => {
    let now = 1_000;
    const seen: ExportProgressView[] = [];
    const meter = new ProgressMeter('x-1', (v) => seen.push(v), () => now, 200);
    meter.download(0, 300_000);
    now += 2_000;
    meter.download(60_000, 300_000); // 60 s of recording in 2 s: 240 s more take 8 s
    expect(seen.at(-1)).toEqual({ exportId: 'x-1', phase: 'download', recordedMs: 60_000, spanMs: 300_000, doneBytes: 0, totalBytes: 0, bytesPerSecond: 0, secondsLeft: 8 });
    now += 100;
    meter.download(63_000, 300_000);
    expect(seen).toHaveLength(2); // at most every 200 ms
    now += 1_000;
    meter.update({ writtenBytes: 1_000_000, verifiedBytes: 0, totalBytes: 4_000_000, file: 'clip.mp4' });
    expect(seen.at(-1)).toMatchObject({ phase: 'write', doneBytes: 1_000_000, totalBytes: 8_000_000 });
  });
});
