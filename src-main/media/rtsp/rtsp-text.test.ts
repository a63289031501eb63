// Text-level parts: URL handling, message framing, headers, SDP and track selection.
import { describe, expect, it } from 'vitest';
import { parsePublic, parseRtpInfo, parseSessionHeader, parseTransportHeader, rtpInfoFor } from './rtsp-headers.js';
import { formatRequest, RtspProtocolError, type RtspResponse, RtspStreamParser } from './rtsp-message.js';
import { parseRtspUrl, redactUrl, resolveControl } from './rtsp-url.js';
import { parseSdp, SdpError } from './sdp.js';
import { selectTracks } from './sdp-tracks.js';

describe('RTSP URLs', () => {
  it('splits credentials (even with @ and / in the password) and defaults the port', () => {
    expect(parseRtspUrl('rtsp://admin:p@ss/w0rd@10.1.2.3/Streaming/Channels/101')).toEqual({ url: 'rtsp://10.1.2.3/Streaming/Channels/101', host: '10.1.2.3', port: 554, username: 'admin', password: 'p@ss/w0rd' });
    expect(parseRtspUrl('rtsp://u%40x:a%3Ab@[fe80::1]:8554/cam?channel=1&subtype=0')).toMatchObject({ host: 'fe80::1', port: 8554, username: 'u@x', password: 'a:b', url: 'rtsp://[fe80::1]:8554/cam?channel=1&subtype=0' });
    expect(() => parseRtspUrl('http://x/')).toThrow();
    expect(() => parseRtspUrl('rtsp://admin:secret@host:99999/')).toThrow(/^(?!.*secret)/);
    // A password with white space in it: the error still leaves out the user info.
    expect(() => parseRtspUrl('rtsp://admin:my secret@host:99999/')).toThrow(/^(?!.*secret)/);
    expect(() => parseRtspUrl('rtsp://admin:my\nsecret@host:0/')).toThrow(/^(?![\s\S]*secret)/);
  });

  it('redacts credentials inside messages', () => {
    expect(redactUrl('failed: rtsp://admin:secret@cam/x and rtsp://cam2/y')).toBe('failed: rtsp://cam/x and rtsp://cam2/y');
  });

  it('resolves control attributes like cameras expect', () => {
    expect(resolveControl('rtsp://h/live', 'trackID=1')).toBe('rtsp://h/live/trackID=1');
    expect(resolveControl('rtsp://h/live/', 'trackID=1')).toBe('rtsp://h/live/trackID=1');
    expect(resolveControl('rtsp://h/cam/realmonitor?channel=1&subtype=0/', 'trackID=0')).toBe('rtsp://h/cam/realmonitor?channel=1&subtype=0/trackID=0');
    expect(resolveControl('rtsp://h/live/', 'rtsp://u:p@h/other/track1')).toBe('rtsp://h/other/track1');
    expect(resolveControl('rtsp://h:554/a/b', '/c')).toBe('rtsp://h:554/c');
    expect(resolveControl('rtsp://h/a', '*')).toBe('rtsp://h/a');
    // An absolute control URL that is not RTSP is bad SDP, not a crash of the client.
    expect(() => resolveControl('rtsp://h/a', 'http://x/')).toThrow(SdpError);
    expect(() => resolveControl('rtsp://h/a', 'rtsp://u:secret@[bad/x')).toThrow(/^(?!.*secret)/);
  });
});

describe('RtspStreamParser', () => {
  function collect(chunks: Buffer[]) {
    const out: Array<string | RtspResponse> = [];
    const p = new RtspStreamParser({ onResponse: (r) => out.push(r), onRequest: (r) => out.push(`req ${r.method}`), onInterleaved: (c, d) => out.push(`$${c}:${Buffer.from(d).toString('hex')}`) });
    for (const c of chunks) p.push(c);
    return out;
  }

  it('handles responses with bodies, interleaved frames and server requests split at any byte', () => {
    const body = 'v=0\r\n';
    const stream = Buffer.concat([
      Buffer.from(`RTSP/1.0 200 OK\r\nCSeq: 2\r\nWWW-Authenticate: a\r\nWWW-Authenticate: b\r\nX-Folded: one\r\n two\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
      Buffer.from([0x24, 0x01, 0x00, 0x02, 0xab, 0xcd]),
      Buffer.from('\r\nOPTIONS * RTSP/1.0\r\nCSeq: 9\r\n\r\n'),
      Buffer.from('RTSP/1.0 404 Not Found\nCSeq: 3\n\n'),
    ]);
    for (const step of [1, 3, 7, stream.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < stream.length; i += step) chunks.push(stream.subarray(i, i + step));
      const out = collect(chunks);
      const first = out[0] as RtspResponse;
      expect([first.status, first.headers.getAll('www-authenticate'), first.headers.get('x-folded'), Buffer.from(first.body).toString()]).toEqual([200, ['a', 'b'], 'one two', body]);
      expect(out[1]).toBe('$1:abcd');
      expect(out[2]).toBe('req OPTIONS');
      expect((out[3] as RtspResponse).status).toBe(404);
    }
  });

  it('rejects malformed status lines, stray bytes, bad Content-Length and endless headers', () => {
    expect(() => collect([Buffer.from('RTSP/1.0 2OO OK\r\n\r\n')])).toThrow(RtspProtocolError);
    expect(() => collect([Buffer.from('\x00\x01garbage')])).toThrow(RtspProtocolError);
    expect(() => collect([Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n')])).toThrow(RtspProtocolError);
    expect(() => collect([Buffer.from('RTSP/1.0 200 OK\r\nX: ' + 'a'.repeat(70_000))])).toThrow(RtspProtocolError);
  });

  it('refuses to put line breaks from untrusted input into a request', () => {
    expect(formatRequest('OPTIONS', 'rtsp://h/x', [['CSeq', '1']]).toString()).toBe('OPTIONS rtsp://h/x RTSP/1.0\r\nCSeq: 1\r\n\r\n');
    expect(() => formatRequest('SETUP', 'rtsp://h/x\r\nEvil: 1', [])).toThrow();
    expect(() => formatRequest('SETUP', 'rtsp://h/x', [['Session', 'a\r\nb']])).toThrow();
  });
});

describe('headers', () => {
  it('reads Session, Transport, RTP-Info and Public', () => {
    expect(parseSessionHeader('12345678; timeout = 30')).toEqual({ id: '12345678', timeoutSec: 30 });
    expect(parseSessionHeader('12345678;timeout=30')).toEqual({ id: '12345678', timeoutSec: 30 });
    expect(parseSessionHeader('ABCDEF')).toEqual({ id: 'ABCDEF', timeoutSec: 60 });
    expect(parseTransportHeader('RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=1A2B3C4D;mode="PLAY"')).toEqual({ tcp: true, interleaved: [2, 3], ssrc: 0x1a2b3c4d });
    expect(parseTransportHeader('RTP/AVP;unicast;client_port=5000-5001')).toEqual({ tcp: false });
    const info = parseRtpInfo('url=rtsp://h/live/trackID=0;seq=1;rtptime=4294967295,url=trackID=1;seq=65535;rtptime=0');
    expect(info).toEqual([
      { url: 'rtsp://h/live/trackID=0', seq: 1, rtptime: 4294967295 },
      { url: 'trackID=1', seq: 65535, rtptime: 0 },
    ]);
    expect(rtpInfoFor(info, 'rtsp://h/live/trackID=1', false)?.seq).toBe(65535);
    expect(rtpInfoFor(info, 'rtsp://other:554/live/trackID=0', false)?.seq).toBe(1);
    expect([...parsePublic('OPTIONS, DESCRIBE,get_parameter')]).toEqual(['OPTIONS', 'DESCRIBE', 'GET_PARAMETER']);
  });
});

describe('SDP', () => {
  const hikvision = [
    'v=0', 'o=- 1109162014219182 1109162014219192 IN IP4 x.y.z.w', 's=Media Presentation', 'e=NONE', 'b=AS:5050', 't=0 0',
    'a=control:rtsp://10.0.0.2:554/Streaming/Channels/101/?transportmode=unicast',
    'm=video 0 RTP/AVP 96', 'c=IN IP4 0.0.0.0', 'b=AS:5000', 'a=recvonly', 'a=x-dimensions:1920,1080',
    'a=control:rtsp://10.0.0.2:554/Streaming/Channels/101/trackID=1?transportmode=unicast',
    'a=rtpmap:96 H265/90000', 'a=fmtp:96 sprop-vps=QAEMAf//AWAAAAMAAAMAAAMAAAMAlqwJ; sprop-sps=QgEBAWAAAAMAAAMAAAMAAAMAlqADwIAQ5Y2uSTJrlnAIAAADAAgAAAMAyEA=; sprop-pps=RAHgdrAmQA==; sprop-max-don-diff=0',
    'm=audio 0 RTP/AVP 8', 'c=IN IP4 0.0.0.0', 'b=AS:50', 'a=recvonly',
    'a=control:rtsp://10.0.0.2:554/Streaming/Channels/101/trackID=2?transportmode=unicast', 'a=rtpmap:8 PCMA/8000', 'a=Media_header:MEDIAINFO=494D4B48;',
    'a=appversion:1.0', '',
  ].join('\r\n');

  it('parses a camera-style SDP and selects H.265 + PCMA with absolute controls', () => {
    const sdp = parseSdp(hikvision);
    expect(sdp.control).toBe('rtsp://10.0.0.2:554/Streaming/Channels/101/?transportmode=unicast');
    expect(sdp.media.map((m) => [m.type, m.formats])).toEqual([['video', [96]], ['audio', [8]]]);
    const sel = selectTracks(sdp, 'rtsp://10.0.0.2/Streaming/Channels/101');
    expect(sel.video).toMatchObject({ codec: 'h265', payloadType: 96, donl: false, controlUrl: 'rtsp://10.0.0.2:554/Streaming/Channels/101/trackID=1?transportmode=unicast' });
    expect([sel.video?.vps?.[0], sel.video?.sps?.[0], sel.video?.pps?.[0]]).toEqual([0x40, 0x42, 0x44]);
    expect(sel.audio).toMatchObject({ codec: 'pcma', clockRate: 8000, info: { codec: 'pcma', sampleRate: 8000, channels: 1 } });
  });

  it('reads mpeg4-generic AAC parameters and rejects modes it cannot depacketize', () => {
    const aac = (fmtp: string) =>
      selectTracks(parseSdp(`v=0\ns=x\nm=audio 0 RTP/AVP 97\na=rtpmap:97 MPEG4-GENERIC/16000/1\na=fmtp:97 ${fmtp}\na=control:trackID=2\n`), 'rtsp://h/s');
    const ok = aac('streamtype=5;profile-level-id=15;mode=AAC-hbr;config=1408;SizeLength=13;IndexLength=3;IndexDeltaLength=3');
    expect(ok.audio).toMatchObject({ codec: 'aac', controlUrl: 'rtsp://h/s/trackID=2', info: { sampleRate: 16000, channels: 1, config: new Uint8Array([0x14, 0x08]) }, aac: { sizeLength: 13, indexLength: 3 } });
    expect(aac('mode=CELP-cbr;config=1408').audio).toBeUndefined();
    expect(aac('mode=AAC-hbr;sizelength=13;indexlength=3;ctsdeltalength=16').unsupported).toEqual(['audio MPEG4-GENERIC']);
  });

  it('turns on DONL for H.265 with sprop-max-don-diff > 0 and takes H.264 sprop sets', () => {
    const h265 = parseSdp('v=0\nm=video 0 RTP/AVP 98\na=rtpmap:98 H265/90000\na=fmtp:98 sprop-max-don-diff=2\n');
    expect(selectTracks(h265, 'rtsp://h/').video?.donl).toBe(true);
    const h264 = parseSdp('v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==\n');
    const v = selectTracks(h264, 'rtsp://h/x').video!;
    expect([v.sps?.[0], v.pps?.[0], v.controlUrl]).toEqual([0x67, 0x68, 'rtsp://h/x']);
  });

  it('rejects text that is not SDP', () => {
    expect(() => parseSdp('')).toThrow();
    expect(() => parseSdp('hello')).toThrow();
    expect(() => parseSdp('v=0\ns=no media\n')).toThrow(/no media/);
    expect(() => parseSdp('v=0\nm=video zero RTP/AVP 96\n')).toThrow(/m= line/);
    expect(() => parseSdp('v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264\n')).toThrow(/rtpmap/);
  });
});
