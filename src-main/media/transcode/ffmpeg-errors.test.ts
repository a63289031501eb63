import { describe, expect, it } from 'vitest';
import { buildTranscodeArgs, urlWithCredentials } from './ffmpeg-args.js';
import { parseFfmpegVersion } from './ffmpeg-detect.js';
import { ffmpegExitError, redactFfmpegText } from './ffmpeg-errors.js';

const URL_WITH_SECRET = 'rtsp://admin:s3cret%40pw@10.0.0.5:554/Streaming/101';

describe('ffmpegExitError', () => {
  const cases: Array<[string, string]> = [
    [`[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\n${URL_WITH_SECRET}: Server returned 401 Unauthorized (authorization failed)`, 'auth_failed'],
    [`${URL_WITH_SECRET}: Server returned 403 Forbidden (access denied)`, 'auth_failed'],
    [`[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found\n${URL_WITH_SECRET}: Server returned 404 Not Found`, 'not_found'],
    [`[tcp @ 0x1] Connection to tcp://10.0.0.5:554?timeout=5000000 failed: Connection refused\n${URL_WITH_SECRET}: Connection refused`, 'unreachable'],
    ['rtsp://admin:s3cret@pw@10.0.0.5/Streaming/Channels/401: Connection refused', 'unreachable'],
    [`[tcp @ 0x1] Failed to resolve hostname cam.invalid: Name or service not known`, 'unreachable'],
    [`${URL_WITH_SECRET}: Connection timed out`, 'timeout'],
    [`Unknown encoder 'libx264'`, 'unsupported_codec'],
    ['Encoder (codec h264) not found for output stream #0:0', 'unsupported_codec'],
    ['[libx264 @ 0x1] width not divisible by 2 (641x360)', 'protocol'],
    [`${URL_WITH_SECRET}: Invalid data found when processing input`, 'protocol'],
  ];
  for (const [stderr, code] of cases) {
    it(`${code} <- ${stderr.split('\n').at(-1)!.slice(-50)}`, () => {
      const err = ffmpegExitError({ code: 1, signal: null, stderr, password: 's3cret@pw' });
      expect(err?.code).toBe(code);
      expect(err?.message).not.toMatch(/s3cret/);
      expect(err?.message).toMatch(/^ffmpeg transcode exited with code 1/);
    });
  }

  it('a normal end is no error; a signal is named', () => {
    expect(ffmpegExitError({ code: 0, signal: null, stderr: '' })).toBeUndefined();
    expect(ffmpegExitError({ code: null, signal: 'SIGSEGV', stderr: '' })).toMatchObject({ code: 'protocol', message: expect.stringContaining('SIGSEGV') as string });
  });

  it('redacts userinfo and the password wherever it appears, raw or URL-encoded', () => {
    const text = redactFfmpegText(`${URL_WITH_SECRET} and s3cret@pw and s3cret%40pw`, 's3cret@pw');
    expect(text).not.toMatch(/s3cret/);
    expect(text).toContain('rtsp://10.0.0.5:554/Streaming/101');
  });
});

describe('command line', () => {
  it('puts percent-encoded credentials into the URL and keeps an inline user when none is given', () => {
    expect(urlWithCredentials('rtsp://10.0.0.5/live', 'ad min', 'p@ss:w/rd')).toBe('rtsp://ad%20min:p%40ss%3Aw%2Frd@10.0.0.5/live');
    expect(urlWithCredentials('rtsp://u:p@10.0.0.5/live')).toBe('rtsp://u:p@10.0.0.5/live');
    expect(urlWithCredentials('rtsp://u:p@10.0.0.5/live', 'v', 'q')).toBe('rtsp://v:q@10.0.0.5/live');
    expect(urlWithCredentials('rtsp://10.0.0.5/live')).toBe('rtsp://10.0.0.5/live');
  });

  it('uses the option names of the installed ffmpeg version', () => {
    const v4 = parseFfmpegVersion('ffmpeg', 'ffmpeg version 4.4.2-0ubuntu0.22.04.1\nconfiguration: --enable-gpl --enable-libx264')!;
    const v51 = parseFfmpegVersion('ffmpeg', 'ffmpeg version 5.1.9-0+deb12u1\nconfiguration: --enable-libx264 --enable-gpl')!;
    const git = parseFfmpegVersion('ffmpeg', 'ffmpeg version N-113000-g1234abcd\nconfiguration: --enable-libx264')!;
    expect(v4).toMatchObject({ major: 4, minor: 4 });
    expect(git.major).toBeUndefined();
    expect(parseFfmpegVersion('ffmpeg', 'ffmpeg version 6.0\nconfiguration: --enable-gpl')).toBeUndefined();
    const a4 = buildTranscodeArgs({ url: 'rtsp://h/x', timeoutMs: 3000 }, v4);
    expect(a4).toEqual(expect.arrayContaining(['-stimeout', '-vsync']));
    expect(a4[a4.indexOf('-stimeout') + 1]).toBe('3000000');
    for (const info of [v51, git]) expect(buildTranscodeArgs({ url: 'rtsp://h/x' }, info)).toEqual(expect.arrayContaining(['-timeout', '-fps_mode']));
  });
});
