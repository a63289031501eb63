import { describe, expect, it } from 'vitest';
import { buildMpegtsSetup, silenceMpegtsLogging } from './mpegts-config.js';

describe('buildMpegtsSetup', () => {
  it('sets up low-latency live FLV over WebSocket with chasing as the one mechanism', () => {
    const { mediaDataSource, config } = buildMpegtsSetup('ws://h/live/a.flv?token=t', 'flv-ws');
    expect(mediaDataSource).toMatchObject({ type: 'flv', isLive: true, url: 'ws://h/live/a.flv?token=t', hasAudio: false });
    expect(config).toMatchObject({
      isLive: true,
      enableStashBuffer: false,
      lazyLoad: false,
      liveBufferLatencyChasing: true,
      liveBufferLatencyMaxLatency: 0.3,
      liveBufferLatencyMinRemain: 0.1,
      liveSync: false,
      autoCleanupSourceBuffer: true,
    });
    expect(config.autoCleanupMinBackwardDuration).toBeLessThan(config.autoCleanupMaxBackwardDuration!);
  });

  it('never enables both latency mechanisms', () => {
    for (const mechanism of ['chase', 'sync'] as const) {
      const { config } = buildMpegtsSetup('u', 'mpegts', { mechanism });
      expect(Number(config.liveBufferLatencyChasing) + Number(config.liveSync)).toBe(1);
    }
    const sync = buildMpegtsSetup('u', 'flv-http', { mechanism: 'sync', syncRate: 1.2 });
    expect(sync.config).toMatchObject({ liveSync: true, liveSyncPlaybackRate: 1.2 });
  });

  it('maps MPEG-TS and keeps audio only when asked', () => {
    const ts = buildMpegtsSetup('http://h/x.ts', 'mpegts', { audio: true });
    expect(ts.mediaDataSource).toMatchObject({ type: 'mpegts', hasAudio: true });
    expect(ts.config.fixAudioTimestampGap).toBe(true);
  });
});

describe('silenceMpegtsLogging', () => {
  it('turns every level off', () => {
    let applied: Record<string, unknown> = {};
    const fake = { applyConfig: (c: Record<string, unknown>) => (applied = c) } as unknown as Parameters<typeof silenceMpegtsLogging>[0];
    silenceMpegtsLogging(fake);
    expect(Object.values(applied).every((v) => v === false)).toBe(true);
    expect(applied).toHaveProperty('enableError', false);
  });
});
