// The baseline player page: a grid of <video> tiles, each fed by mpegts.js from the FLV relay
// over WebSocket (stash off, latency chasing 0.3 s / 0.1 s). Exposes `window.swBaseline`.
import mpegts from 'mpegts.js';
import './frame-probe.js';

const players = new Map<number, mpegts.Player>();

mpegts.LoggingControl.applyConfig({ enableAll: false });

/** Builds an empty rows x cols grid filling the window, one video per cell. */
function layout(rows: number, cols: number): void {
  for (const t of [...players.keys()]) close(t);
  const grid = document.getElementById('grid')!;
  grid.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
  grid.style.gridTemplateRows = `repeat(${rows}, 1fr)`;
  grid.replaceChildren();
  for (let i = 0; i < rows * cols; i++) {
    const video = document.createElement('video');
    video.dataset.testid = 'tile-video';
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    grid.appendChild(video);
  }
}

function videoOf(tile: number): HTMLVideoElement {
  const v = document.querySelectorAll<HTMLVideoElement>('video[data-testid="tile-video"]')[tile];
  if (!v) throw new Error(`no tile ${tile}`);
  return v;
}

/** Starts playing `wsUrl` in a tile; returns Date.now() taken just before the player was created. */
function open(tile: number, wsUrl: string): number {
  close(tile);
  const t0 = Date.now();
  const player = mpegts.createPlayer(
    { type: 'flv', isLive: true, url: wsUrl },
    {
      isLive: true,
      enableStashBuffer: false,
      liveBufferLatencyChasing: true,
      liveBufferLatencyMaxLatency: 0.3,
      liveBufferLatencyMinRemain: 0.1,
    },
  );
  player.attachMediaElement(videoOf(tile));
  player.load();
  void Promise.resolve(player.play()).catch(() => undefined);
  players.set(tile, player);
  return t0;
}

function close(tile: number): void {
  const p = players.get(tile);
  if (!p) return;
  players.delete(tile);
  p.pause();
  p.unload();
  p.detachMediaElement();
  p.destroy();
}

const api = { layout, open, close };
(window as unknown as { swBaseline: typeof api }).swBaseline = api;
