// Rewrites the URIs of an HLS playlist (RFC 8216): the URI lines (segments, variant
// playlists) and the URI="…" attributes of tags (EXT-X-KEY, EXT-X-MAP, EXT-X-MEDIA,
// EXT-X-PART, EXT-X-PRELOAD-HINT, …). Each is resolved against the playlist's own upstream URL
// and handed to `map`, which decides what the player fetches instead. Non-http(s) URIs
// (data:, skd:) are left as they are. Pure: no I/O.

const URI_ATTRIBUTE = /([:,]URI=")([^"]*)(")/g;

export function isPlaylistText(text: string): boolean {
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('#EXTM3U');
}

export function rewritePlaylist(text: string, base: URL, map: (url: URL) => string): string {
  const one = (uri: string): string => {
    let u: URL;
    try {
      u = new URL(uri, base);
    } catch {
      return uri;
    }
    return u.protocol === 'http:' || u.protocol === 'https:' ? map(u) : uri;
  };
  return text
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) {
        return trimmed.startsWith('#EXT') ? line.replace(URI_ATTRIBUTE, (_m, pre: string, uri: string, post: string) => `${pre}${one(uri)}${post}`) : line;
      }
      return one(trimmed);
    })
    .join('\n');
}
