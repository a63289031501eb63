// `npm run bench -- tree`: the camera tree's search over a county of cameras. Building the index
// (pinyin of every name, once per device-list change) and answering a query, as a keystroke does.
import { buildSearchIndex, warmNameKeys, type NameKeyCache } from '../../src-renderer/features/tree/search-index.js';
import { countyDevices } from '../../src-main/testing/tree/county-devices.js';

export interface TreeSearchResult {
  cameras: number;
  /** Pinyin of every name, worked out ahead in idle slices (summed). */
  warm_ms: number;
  /** The longest single slice, what the page is held for at once. */
  warm_slice_max_ms: number;
  /** Again after one camera was renamed (the cache answers every other name). */
  rewarm_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
  query_max_ms: number;
}

const QUERIES = ['x', 'xr', 'xrz', 'xinrong', '新荣镇', 'hyt xx', 'dongcun', 'qiaotou 3', 'gdz', 'zzzz', '录像机', 'cwh 1'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function runTreeSearchBench(opts: { cameras: number; rounds: number }): TreeSearchResult {
  const devices = countyDevices(opts.cameras);
  const cache: NameKeyCache = new Map();
  let warmMs = 0;
  let sliceMax = 0;
  for (let done = false; !done; ) {
    const t0 = performance.now();
    done = warmNameKeys(devices, cache, 8);
    const spent = performance.now() - t0;
    warmMs += spent;
    sliceMax = Math.max(sliceMax, spent);
  }
  devices[0].cameras[0].name = `${devices[0].cameras[0].name}改`;
  let t = performance.now();
  warmNameKeys(devices, cache, 1000);
  const rewarmMs = performance.now() - t;
  const index = buildSearchIndex(devices, cache);
  const times: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    for (const q of QUERIES) {
      t = performance.now();
      index.search(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return {
    cameras: index.size,
    warm_ms: round(warmMs),
    warm_slice_max_ms: round(sliceMax),
    rewarm_ms: round(rewarmMs),
    query_p50_ms: round(percentile(times, 0.5)),
    query_p95_ms: round(percentile(times, 0.95)),
    query_max_ms: round(times[times.length - 1]),
  };
}
