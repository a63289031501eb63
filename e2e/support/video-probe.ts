import type { Page } from '@playwright/test';

export interface VideoSample {
  index: number;
  state: string | null;
  currentTime: number;
  frames: number;
  width: number;
}

/** What each tile's <video> is doing right now. */
export function sampleTiles(page: Page): Promise<VideoSample[]> {
  return page.$$eval('[data-testid=tile]', (tiles) =>
    tiles.map((t, index) => {
      // The picture in front: while a tile switches, the new stream's video waits underneath.
      const v = [...t.querySelectorAll('video')].filter((e) => !e.classList.contains('sw-video-under')).at(-1);
      return {
        index,
        state: t.getAttribute('data-state'),
        currentTime: v?.currentTime ?? 0,
        frames: v?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
        width: v?.videoWidth ?? 0,
      };
    }),
  );
}

/** Waits until the given tiles show pictures that advance (time and decoded frames both rise). */
export async function expectAdvancing(page: Page, indices: number[], timeoutMs = 20_000): Promise<{ before: VideoSample[]; after: VideoSample[] }> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const before = await sampleTiles(page);
    await page.waitForTimeout(1500);
    const after = await sampleTiles(page);
    const ok = indices.every((i) => {
      const [b, a] = [before[i], after[i]];
      return b !== undefined && a !== undefined && a.currentTime > b.currentTime + 0.5 && a.frames > b.frames + 10 && a.width > 0;
    });
    if (ok) return { before, after };
    last = JSON.stringify(after);
  }
  throw new Error(`tiles ${indices.join(',')} did not advance: ${last}`);
}
