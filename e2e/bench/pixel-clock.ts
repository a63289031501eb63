// Pixel clock: a wall-clock time in ms drawn as a grid of black/white cells in the top band of a
// video frame, and read back from a decoded picture. Cells are placed in coordinates relative to
// the frame size, so any scaling works; each cell is read as the mean of its central area against
// a threshold learnt from the marker cells, which survives compression noise. A checksum rejects
// misreads. Pure code: runs in Node (the generator) and in the page (the readout).

export const CLOCK_COLS = 16;
export const CLOCK_ROWS = 4;
/** Share of the frame height the cells cover (square cells on a 16:9 frame). */
export const CLOCK_BAND = 4 / 9;

const START_MARKER = [1, 0, 1, 0];
const END_MARKER = [0, 1, 0, 1];
const STAMP_BITS = 48;
const CHECK_BITS = 8;
const CELLS = CLOCK_COLS * CLOCK_ROWS;
const LOW_SPAN = 2 ** 24;

/** A picture to read: luma only (channels 1) or RGBA (channels 4, e.g. canvas ImageData). */
export interface PixelImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels: 1 | 4;
}

/** Rows (in frame pixels) the clock band covers: what a reader needs to copy out of a frame. */
export function clockBandHeight(frameHeight: number): number {
  return Math.round(frameHeight * CLOCK_BAND);
}

function checksum(stampMs: number): number {
  const hi = Math.floor(stampMs / LOW_SPAN);
  const lo = stampMs % LOW_SPAN;
  // Byte-wise XOR with a constant, so an all-black or all-white band never checks out.
  return (hi ^ (hi >>> 8) ^ (hi >>> 16) ^ lo ^ (lo >>> 8) ^ (lo >>> 16) ^ 0x5a) & 0xff;
}

/** The 64 cell values (1 = white) for a time stamp: marker, 48 stamp bits, checksum, marker. */
export function encodeClockCells(stampMs: number): Uint8Array {
  if (!Number.isInteger(stampMs) || stampMs < 0 || stampMs >= 2 ** STAMP_BITS) {
    throw new RangeError(`pixel clock stamp must be an integer in [0, 2^48): ${stampMs}`);
  }
  const cells = new Uint8Array(CELLS);
  cells.set(START_MARKER, 0);
  const hi = Math.floor(stampMs / LOW_SPAN);
  const lo = stampMs % LOW_SPAN;
  for (let i = 0; i < 24; i++) {
    cells[START_MARKER.length + i] = (hi >>> (23 - i)) & 1;
    cells[START_MARKER.length + 24 + i] = (lo >>> (23 - i)) & 1;
  }
  const sum = checksum(stampMs);
  const checkAt = START_MARKER.length + STAMP_BITS;
  for (let i = 0; i < CHECK_BITS; i++) cells[checkAt + i] = (sum >>> (CHECK_BITS - 1 - i)) & 1;
  cells.set(END_MARKER, CELLS - END_MARKER.length);
  return cells;
}

/** The stamp held by 64 cell values, or undefined when a marker or the checksum is wrong. */
export function decodeClockCells(cells: ArrayLike<number>): number | undefined {
  if (cells.length !== CELLS) return undefined;
  for (let i = 0; i < START_MARKER.length; i++) if (cells[i] !== START_MARKER[i]) return undefined;
  for (let i = 0; i < END_MARKER.length; i++) if (cells[CELLS - END_MARKER.length + i] !== END_MARKER[i]) return undefined;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 24; i++) {
    hi = hi * 2 + cells[START_MARKER.length + i];
    lo = lo * 2 + cells[START_MARKER.length + 24 + i];
  }
  const stamp = hi * LOW_SPAN + lo;
  let sum = 0;
  const checkAt = START_MARKER.length + STAMP_BITS;
  for (let i = 0; i < CHECK_BITS; i++) sum = sum * 2 + cells[checkAt + i];
  return sum === checksum(stamp) ? stamp : undefined;
}

/** Pixel rectangle [x0,x1) x [y0,y1) of cell `index` in a band of the given size. */
function cellRect(index: number, width: number, bandHeight: number): [number, number, number, number] {
  const col = index % CLOCK_COLS;
  const row = Math.floor(index / CLOCK_COLS);
  return [
    Math.round((col * width) / CLOCK_COLS),
    Math.round(((col + 1) * width) / CLOCK_COLS),
    Math.round((row * bandHeight) / CLOCK_ROWS),
    Math.round(((row + 1) * bandHeight) / CLOCK_ROWS),
  ];
}

/** Draws the stamp into a luma plane (e.g. the Y plane of a yuv420p frame), top band only. */
export function drawPixelClock(luma: Uint8Array, width: number, height: number, stampMs: number, black = 16, white = 235): void {
  const cells = encodeClockCells(stampMs);
  const band = clockBandHeight(height);
  for (let i = 0; i < CELLS; i++) {
    const [x0, x1, y0, y1] = cellRect(i, width, band);
    const v = cells[i] ? white : black;
    for (let y = y0; y < y1; y++) luma.fill(v, y * width + x0, y * width + x1);
  }
}

/** Mean luma of the central half (each way) of a cell. */
function cellMean(img: PixelImage, rect: [number, number, number, number]): number {
  const [x0, x1, y0, y1] = rect;
  const mx = (x1 - x0) / 4;
  const my = (y1 - y0) / 4;
  const ax = Math.floor(x0 + mx);
  const bx = Math.max(ax + 1, Math.ceil(x1 - mx));
  const ay = Math.floor(y0 + my);
  const by = Math.max(ay + 1, Math.ceil(y1 - my));
  // RGBA: the green channel; the clock is grey, so any channel is the luma up to range scaling.
  const step = img.channels;
  const offset = step === 4 ? 1 : 0;
  let sum = 0;
  let n = 0;
  for (let y = ay; y < by && y < img.height; y++) {
    for (let x = ax; x < bx && x < img.width; x++) {
      sum += img.data[(y * img.width + x) * step + offset];
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

/**
 * Reads the stamp from a picture. `bandOnly`: the image holds just the clock band (a reader that
 * copied only the top `clockBandHeight` rows, possibly rescaled); otherwise the whole frame.
 */
export function readPixelClock(img: PixelImage, bandOnly = false): number | undefined {
  const band = bandOnly ? img.height : clockBandHeight(img.height);
  const means = new Float64Array(CELLS);
  for (let i = 0; i < CELLS; i++) means[i] = cellMean(img, cellRect(i, img.width, band));
  // Threshold halfway between the marker cells known to be white and known to be black.
  let white = 0;
  let black = 0;
  const markers: Array<[number, number]> = [
    ...START_MARKER.map((v, i): [number, number] => [i, v]),
    ...END_MARKER.map((v, i): [number, number] => [CELLS - END_MARKER.length + i, v]),
  ];
  for (const [i, v] of markers) {
    if (v) white += means[i];
    else black += means[i];
  }
  white /= markers.filter(([, v]) => v === 1).length;
  black /= markers.filter(([, v]) => v === 0).length;
  if (white - black < 48) return undefined; // no clock in this picture (or a blank frame)
  const threshold = (white + black) / 2;
  const cells = new Uint8Array(CELLS);
  for (let i = 0; i < CELLS; i++) cells[i] = means[i] > threshold ? 1 : 0;
  return decodeClockCells(cells);
}
