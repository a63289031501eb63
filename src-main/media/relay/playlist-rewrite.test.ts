// Playlist rewriting on its own: which lines and attributes are URIs, and what stays as it is.
import { describe, expect, it } from 'vitest';
import { isPlaylistText, rewritePlaylist } from './playlist-rewrite.js';

const base = new URL('http://10.0.0.5:8080/live/cam/index.m3u8?sign=x');
const mark = (u: URL): string => `<${u.href}>`;

describe('rewritePlaylist', () => {
  it('maps URI lines and URI attributes, resolved against the playlist URL', () => {
    const master = [
      '\uFEFF#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio/en.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.4d401f"',
      'low/index.m3u8?sign=y',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="/iframes.m3u8"',
      '#EXT-X-KEY:METHOD=AES-128,URI="data:text/plain;base64,AAAA",IV=0x1',
      '#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://key-1"',
      '# a comment with URI="not/a/uri"',
      '  http://other.host:9000/x.ts  ',
    ].join('\n');
    expect(rewritePlaylist(master, base, mark).split('\n')).toEqual([
      '\uFEFF#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="<http://10.0.0.5:8080/live/cam/audio/en.m3u8>"',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.4d401f"',
      '<http://10.0.0.5:8080/live/cam/low/index.m3u8?sign=y>',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="<http://10.0.0.5:8080/iframes.m3u8>"',
      '#EXT-X-KEY:METHOD=AES-128,URI="data:text/plain;base64,AAAA",IV=0x1',
      '#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://key-1"',
      '# a comment with URI="not/a/uri"',
      '<http://other.host:9000/x.ts>',
    ]);
  });

  it('recognises a playlist by its first tag', () => {
    expect(isPlaylistText('\uFEFF\n#EXTM3U\n')).toBe(true);
    expect(isPlaylistText('<html>404</html>')).toBe(false);
  });
});
