// Snapshot pictures drawn in the page: the frame at its own resolution with the camera's name and
// the time burnt in on a dark plate (legible on any picture), as PNG (base64, no data: prefix).

export function snapshotTime(at: number): string {
  const d = new Date(at);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
}

/** Draws the name and time on a plate along the bottom of `ctx`'s picture area. */
function burnIn(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, name: string, time: string): void {
  const size = Math.max(14, Math.round(h / 20));
  ctx.font = `600 ${size}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  const pad = Math.round(size / 3);
  const plate = size + pad * 2;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.7)';
  ctx.fillRect(x, y + h - plate, w, plate);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(name, x + pad, y + h - plate / 2, Math.max(10, w - pad * 3 - ctx.measureText(time).width));
  ctx.textAlign = 'right';
  ctx.fillText(time, x + w - pad, y + h - plate / 2);
}

function toPng(canvas: HTMLCanvasElement): string {
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

/** The tile's picture at the stream's resolution, or undefined when it has none yet. */
export function tileSnapshot(video: HTMLVideoElement, name: string, at: number): string | undefined {
  if (video.videoWidth === 0 || video.videoHeight === 0) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(video, 0, 0);
  burnIn(ctx, 0, 0, canvas.width, canvas.height, name, snapshotTime(at));
  return toPng(canvas);
}

/** The whole wall as laid out on screen: every tile's picture in its place with its name, the time once. */
export function wallSnapshot(grid: HTMLElement, at: number): string {
  const box = grid.getBoundingClientRect();
  const scale = Math.min(2, Math.max(1, 1920 / box.width));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round(box.height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const tile of grid.querySelectorAll<HTMLElement>('[data-testid=tile]')) {
    const r = tile.getBoundingClientRect();
    if (r.width === 0) continue; // hidden behind a maximised tile
    const [x, y, w, h] = [(r.left - box.left) * scale, (r.top - box.top) * scale, r.width * scale, r.height * scale];
    const video = [...tile.querySelectorAll('video')].filter((v) => !v.classList.contains('sw-video-under')).at(-1);
    if (video && video.videoWidth > 0) {
      const fit = Math.min(w / video.videoWidth, h / video.videoHeight);
      const [vw, vh] = [video.videoWidth * fit, video.videoHeight * fit];
      ctx.drawImage(video, x + (w - vw) / 2, y + (h - vh) / 2, vw, vh);
    }
    ctx.strokeStyle = '#30363d';
    ctx.strokeRect(x, y, w, h);
    const name = tile.querySelector('[data-testid=tile-name]')?.textContent;
    if (name) burnIn(ctx, x, y, w, h, name, '');
  }
  burnIn(ctx, 0, 0, canvas.width, Math.max(40, canvas.height / 12) , '', snapshotTime(at));
  return toPng(canvas);
}
