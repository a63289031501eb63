// In-page watch for a wall switch: armed with the camera each tile should show, it notes for
// every tile the wall-clock moment the tile shows that camera alone, in front, in a video that
// was not playing on the wall when armed (a new media source) and has presented a frame since. Installed by page.evaluate.
import type { Page } from 'playwright-core';

export function installSwitchWatch(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Job = { t0: number; expected: Array<string | null>; old: Set<string>; done: Array<number | null> };
    type RvfcVideo = HTMLVideoElement & { requestVideoFrameCallback(cb: () => void): number };
    const lastFrame = new WeakMap<Element, number>();
    const hooked = new WeakSet<Element>();
    const hook = (v: RvfcVideo) => {
      if (hooked.has(v)) return;
      hooked.add(v);
      const onFrame = () => {
        lastFrame.set(v, performance.now());
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    };
    let job: Job | undefined;
    const tick = () => {
      document.querySelectorAll<RvfcVideo>('video').forEach(hook);
      if (job) {
        const j = job;
        const tiles = document.querySelectorAll('[data-testid=tile]');
        j.expected.forEach((camera, i) => {
          if (j.done[i] !== null || camera === null) return;
          const tile = tiles[i];
          if (!tile || tile.getAttribute('data-camera-id') !== camera) return;
          const videos = tile.querySelectorAll('video');
          const v = videos[0];
          if (videos.length !== 1 || !v || v.classList.contains('sw-video-under') || j.old.has(v.src)) return;
          if ((lastFrame.get(v) ?? -1) < j.t0) return;
          j.done[i] = Date.now();
        });
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (window as unknown as { swSwitch: unknown }).swSwitch = {
      arm(expected: Array<string | null>) {
        // Pooled elements are reused: a new stream is told by its new media source URL, not the element.
        job = { t0: performance.now(), expected, old: new Set([...document.querySelectorAll<HTMLVideoElement>('[data-testid=tile] video')].map((v) => v.src)), done: expected.map((c) => (c === null ? 0 : null)) };
      },
      done: () => job?.done ?? [],
    };
  });
}

type SwitchApi = { swSwitch: { arm(expected: Array<string | null>): void; done(): Array<number | null> } };

export function armSwitch(page: Page, expected: Array<string | null>): Promise<void> {
  return page.evaluate((e) => (window as unknown as SwitchApi).swSwitch.arm(e), expected);
}

/** Wall-clock ms at which the last tile showed its new camera, or undefined on timeout. */
export async function switchDone(page: Page, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const done = await page.evaluate(() => (window as unknown as SwitchApi).swSwitch.done());
    if (done.every((d) => d !== null)) return Math.max(...(done as number[]));
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}
