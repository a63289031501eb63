import { describe, expect, it } from 'vitest';
import { classifyDirectUrl, isRtspUrl, relayedTransport } from './direct-url.js';

describe('classifyDirectUrl', () => {
  it('maps WVP/ZLMediaKit StreamContent URLs to player transports', () => {
    expect(classifyDirectUrl('ws://10.1.1.5:80/rtp/34020000001320000001_34020000001320000001.live.flv')).toBe('flv-ws');
    expect(classifyDirectUrl('http://10.1.1.5:80/rtp/abc.live.flv')).toBe('flv-http');
    expect(classifyDirectUrl('http://10.1.1.5:80/rtp/abc/hls.m3u8')).toBe('hls');
    expect(classifyDirectUrl('https://10.1.1.5/rtp/abc.live.ts')).toBe('mpegts');
    expect(classifyDirectUrl('wss://isc.example/openUrl/xyz.flv')).toBe('flv-ws');
  });

  it('refuses what it cannot play directly', () => {
    expect(classifyDirectUrl('rtsp://10.1.1.5/Streaming/Channels/101')).toBeUndefined();
    expect(classifyDirectUrl('ws://10.1.1.5/rtp/abc.live.mp4')).toBeUndefined();
    expect(classifyDirectUrl('ws://host/x.m3u8')).toBeUndefined();
    expect(classifyDirectUrl('not a url')).toBeUndefined();
    expect(isRtspUrl('RTSP://h/x')).toBe(true);
    expect(isRtspUrl('http://h/x')).toBe(false);
  });
});

describe('relayedTransport', () => {
  it('plays every byte stream over the relay WebSocket and HLS through the proxy', () => {
    expect(relayedTransport('flv-http')).toBe('flv-ws');
    expect(relayedTransport('flv-ws')).toBe('flv-ws');
    expect(relayedTransport('mpegts')).toBe('mpegts');
    expect(relayedTransport('hls')).toBe('hls');
  });
});
