// The span a vendor playback URL names in its query, as Hikvision's
// `/Streaming/tracks/101?starttime=20261122T105010Z&endtime=20261122T115010Z` does: the demo
// recorder replays that span when PLAY asks for `npt=0-`, as such recorders do.
const COMPACT_UTC = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/;

function compactUtc(s: string | null): number | undefined {
  const m = s ? COMPACT_UTC.exec(s) : null;
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(ms) ? ms : undefined;
}

/** The `starttime`/`endtime` span of a request URI, ms since the epoch; undefined when it names none. */
export function spanInUrl(uri: string): { from: number; to: number } | undefined {
  let query: URLSearchParams;
  try {
    query = new URL(uri).searchParams;
  } catch {
    return undefined;
  }
  const from = compactUtc(query.get('starttime'));
  const to = compactUtc(query.get('endtime'));
  return from !== undefined && to !== undefined && to > from ? { from, to } : undefined;
}
