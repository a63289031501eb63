// What the loopback servers (host, live gateway, media relay) and the HLS proxy read from the
// outside: request targets, upstream playlists, upstream cookies, and stream URLs from devices
// or the operator. Besides "nothing thrown", each checks what its code promises.
import { parseRequestTarget, safeDecode } from '../../../base/net/request-target.js';
import { parseStreamUrl } from '../../../common/model/stream-url.js';
import { HlsSession } from '../../../media/relay/hls-session.js';
import { isPlaylistText, rewritePlaylist } from '../../../media/relay/playlist-rewrite.js';
import { parseRtspUrl } from '../../../media/rtsp/rtsp-url.js';
import { BrokenPromise, latin1, text, type FuzzTarget } from '../target.js';

const UPSTREAM = 'http://192.0.2.7:8080/live/cam1/index.m3u8';
// One session for the whole run: it only keeps an origin, a token and an idle connection pool.
let session: HlsSession | undefined;
const hlsSession = (): HlsSession => (session ??= new HlsSession('t'.repeat(32), 'cam1', UPSTREAM, undefined, 0, 1000));

export const requestTarget: FuzzTarget = {
  name: 'request-target',
  about: 'HTTP request targets through parseRequestTarget, safeDecode and the HLS proxy path mapping; nothing thrown, paths stay single-slash rooted, proxied URLs stay on the upstream origin',
  maxLength: 2048,
  dictionary: ['/', '//', '\\', '/ipc', '/live/', '/relay/', '/hls/' + 't'.repeat(32), '?token=', '&', '#', '%', '%2e', '%2F', '%E0%A4%A', '%00', '..', '/../', '[', '@', ':', 'http://', '~off-origin/', '\t', ' '],
  run(input) {
    const raw = latin1(input);
    const target = parseRequestTarget(raw);
    if (!target) return;
    if (!target.pathname.startsWith('/') || target.pathname.startsWith('//')) throw new BrokenPromise(`pathname ${JSON.stringify(target.pathname)} is not rooted at a single '/'`);
    target.query.get('token');
    safeDecode(target.pathname);
    const prefix = `/hls/${'t'.repeat(32)}`;
    if (target.pathname.startsWith(prefix)) {
      const s = hlsSession();
      const search = target.query.size > 0 ? `?${target.query.toString()}` : '';
      const url = s.fromProxyPath(`${target.pathname.slice(prefix.length)}${search}`);
      if (url && url.origin !== s.origin) throw new BrokenPromise(`proxy path maps to ${url.href}, off the upstream origin`);
    }
  },
};

/** Every URI a player would fetch from a playlist: URI lines and URI="…" attributes. */
function playlistUris(playlist: string): string[] {
  const out: string[] = [];
  for (const line of playlist.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t === '') continue;
    if (t.startsWith('#')) for (const m of t.matchAll(/URI="([^"]*)"/gi)) out.push(m[1]);
    else out.push(t);
  }
  return out;
}

export const hlsPlaylist: FuzzTarget = {
  name: 'hls-playlist',
  about: 'upstream HLS playlists through rewritePlaylist with the proxy mapping; nothing thrown, no http(s) URI left pointing past the proxy',
  maxLength: 8192,
  dictionary: ['#EXTM3U\n', '#EXTINF:4.0,\n', '#EXT-X-KEY:METHOD=AES-128,URI="', '#EXT-X-MAP:URI="', '#EXT-X-MEDIA:TYPE=AUDIO,URI="', '#EXT-X-STREAM-INF:BANDWIDTH=1\n', '"', ',URI="', 'http://', 'https://', '//other.host/', '../', 'data:', 'skd://', '\r\n', '\r', '\n', '\uFEFF', ' ', '%', '?a=b'],
  run(input) {
    const s = hlsSession();
    const playlist = text(input);
    if (!isPlaylistText(playlist)) return;
    const out = rewritePlaylist(playlist, s.upstream, (u) => s.toProxyPath(u));
    for (const uri of playlistUris(out)) {
      let absolute: URL;
      try {
        absolute = new URL(uri);
      } catch {
        continue; // relative: resolved against the proxy's own URL by the player
      }
      if (absolute.protocol === 'http:' || absolute.protocol === 'https:') throw new BrokenPromise(`rewritten playlist still points at ${absolute.href}`);
    }
  },
};

export const hlsCookies: FuzzTarget = {
  name: 'hls-cookies',
  about: "upstream Set-Cookie lines (one per input line) through the HLS session's cookie jar; nothing thrown",
  maxLength: 2048,
  dictionary: ['=', ';', 'Path=/', 'HttpOnly', '\n', ' ', '__proto__', 'constructor'],
  run(input) {
    const s = new HlsSession('c'.repeat(32), 'cam1', UPSTREAM, undefined, 0, 1000);
    s.remember({ 'set-cookie': latin1(input).split('\n') });
    s.cookieHeader();
    s.close();
  },
};

/** The password of an rtsp:// URL as its parser splits it (last '@' before the query), and the text after that '@'. */
function userInfo(raw: string): { password: string; after: string } {
  const m = /^rtsp:\/\//i.exec(raw.trim());
  if (!m) return { password: '', after: raw };
  const rest = raw.trim().slice(m[0].length);
  const q = rest.indexOf('?');
  const at = (q >= 0 ? rest.slice(0, q) : rest).lastIndexOf('@');
  if (at < 0) return { password: '', after: rest };
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  return { password: colon >= 0 ? userinfo.slice(colon + 1) : '', after: rest.slice(at + 1) };
}

export const streamUrl: FuzzTarget = {
  name: 'stream-url',
  about: 'stream URLs (from the operator or a device) through parseStreamUrl and parseRtspUrl; only parseRtspUrl may throw, a plain Error, and no message may carry the password',
  maxLength: 1024,
  dictionary: ['rtsp://', 'rtsps://', 'http://', 'RTSP://', 'user:', 'pass word', ':', '@', '/', '?', '#', '[', ']', '[::1]', ':554', ':0', ':99999', '%', '%40', '%E0%A4%A', ' ', '\t', '\n'],
  run(input) {
    const raw = text(input);
    parseStreamUrl(raw);
    parseStreamUrl(raw, { badEscape: 'keep' });
    try {
      parseRtspUrl(raw);
    } catch (e) {
      if (!(e instanceof Error) || e.constructor !== Error) throw e;
      const { password, after } = userInfo(raw);
      if (password.length >= 4 && !after.includes(password) && e.message.includes(password)) throw new BrokenPromise(`error message shows the password: ${e.message}`);
    }
  },
};
