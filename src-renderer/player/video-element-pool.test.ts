// The pool's bookkeeping with a stand-in element that records what the pool does to it
// (the node test environment has no DOM; the real element is exercised in the harness).
import { describe, expect, it } from 'vitest';
import { CHROMIUM_LIVE_PLAYER_CAP, type PoolCounts, VideoElementPool } from './video-element-pool.js';

class FakeVideo {
  calls: string[] = [];
  muted = false;
  defaultMuted = false;
  playsInline = false;
  autoplay = true;
  controls = true;
  preload = '';
  disablePictureInPicture = false;
  disableRemotePlayback = false;
  playbackRate = 1;
  defaultPlaybackRate = 1;
  srcObject: unknown = null;
  attrs = new Map<string, string>();
  pause() {
    this.calls.push('pause');
  }
  load() {
    this.calls.push('load');
  }
  removeAttribute(n: string) {
    this.calls.push(`removeAttribute:${n}`);
    this.attrs.delete(n);
  }
  remove() {
    this.calls.push('remove');
  }
}

function pool(cap?: number) {
  const made: FakeVideo[] = [];
  const p = new VideoElementPool({
    ...(cap !== undefined ? { cap } : {}),
    create: () => {
      const v = new FakeVideo();
      made.push(v);
      return v as unknown as HTMLVideoElement;
    },
  });
  return { p, made };
}

describe('VideoElementPool', () => {
  it('hands out muted inline elements and counts them as live', () => {
    const { p } = pool();
    const el = p.acquire() as unknown as FakeVideo;
    expect(el.muted && el.playsInline && !el.controls && el.disableRemotePlayback).toBe(true);
    expect(p.counts()).toEqual({ live: 1, idle: 0, cap: 64 });
  });

  it('refuses past the cap and never allows more than Chromium 75', () => {
    const { p } = pool(2);
    expect(p.acquire()).not.toBeNull();
    expect(p.acquire()).not.toBeNull();
    expect(p.acquire()).toBeNull();
    expect(new VideoElementPool({ cap: 500, create: () => new FakeVideo() as unknown as HTMLVideoElement }).cap).toBe(CHROMIUM_LIVE_PLAYER_CAP);
  });

  it('resets on release (pause, drop src, load) in that order, takes it out of the DOM, then reuses it', () => {
    const { p, made } = pool(2);
    const el = p.acquire()!;
    const fake = el as unknown as FakeVideo;
    fake.playbackRate = 1.1;
    p.release(el);
    expect(fake.calls).toEqual(['pause', 'removeAttribute:src', 'load', 'remove']);
    expect(fake.playbackRate).toBe(1);
    expect(p.counts()).toEqual({ live: 0, idle: 1, cap: 2 });
    expect(p.acquire()).toBe(el);
    expect(made.length).toBe(1);
  });

  it('ignores double release and foreign elements, and notifies subscribers of changes', () => {
    const { p } = pool(4);
    const seen: PoolCounts[] = [];
    const off = p.subscribe((c) => seen.push(c));
    const el = p.acquire()!;
    p.release(el);
    p.release(el);
    p.release(new FakeVideo() as unknown as HTMLVideoElement);
    off();
    p.acquire();
    expect(seen.map((c) => c.live)).toEqual([1, 0]);
  });
});
