import { describe, expect, it } from 'vitest';
import { buildTranscodeArgs } from './ffmpeg-args.js';
import { parseFfmpegVersion } from './ffmpeg-detect.js';
import { ffmpegExitError, redactFfmpegText } from './ffmpeg-errors.js';

describe('ffmpegExitError', () => {
  const cases: Array<[string, string]> = [
    [`Unknown encoder 'libx264'`, 'unsupported_codec'],
    ['Encoder (codec h264) not found for output stream #0:0', 'unsupported_codec'],
    ['Decoder (codec hevc) not found for input stream #0:0', 'unsupported_codec'],
    ["Unknown input format: 'hevc'", 'unsupported_codec'],
    ['[libx264 @ 0x1] width not divisible by 2 (641x360)', 'protocol'],
    ['pipe:0: Invalid data found when processing input', 'protocol'],
  ];
  for (const [stderr, code] of cases) {
    it(`${code} <- ${stderr.slice(-50)}`, () => {
      const err = ffmpegExitError({ code: 1, signal: null, stderr });
      expect(err?.code).toBe(code);
      expect(err?.message).toMatch(/^ffmpeg transcode exited with code 1: /);
    });
  }

  it('a normal end is no error; a signal is named', () => {
    expect(ffmpegExitError({ code: 0, signal: null, stderr: '' })).toBeUndefined();
    expect(ffmpegExitError({ code: null, signal: 'SIGSEGV', stderr: '' })).toMatchObject({ code: 'protocol', message: expect.stringContaining('SIGSEGV') as string });
  });

  it('still masks URL userinfo should any ever appear in ffmpeg output', () => {
    const text = redactFfmpegText('rtsp://admin:s3cret@10.0.0.5:554/Streaming/101: error');
    expect(text).not.toMatch(/s3cret/);
    expect(text).toContain('10.0.0.5:554/Streaming/101');
  });
});

describe('command line', () => {
  it('reads the elementary stream from stdin: no URL, no network options', () => {
    const hevc = buildTranscodeArgs({ inputCodec: 'h265' });
    const input = hevc.indexOf('-i');
    expect(hevc.slice(input - 2, input + 2)).toEqual(['-f', 'hevc', '-i', 'pipe:0']);
    expect(buildTranscodeArgs({ inputCodec: 'h264' }).slice(input - 2, input + 2)).toEqual(['-f', 'h264', '-i', 'pipe:0']);
    expect(hevc.join(' ')).not.toMatch(/rtsp|timeout/);
    // Options before -i apply to the input: the small probe must be among them.
    for (const opt of ['-probesize', '-analyzeduration', '-fpsprobesize']) expect(hevc.indexOf(opt)).toBeLessThan(input);
    expect(hevc.slice(-3)).toEqual(['-f', 'h264', 'pipe:1']);
    expect(hevc[hevc.indexOf('-g') + 1]).toBe('25');
    expect(buildTranscodeArgs({ inputCodec: 'h265', gop: 50 })).toEqual(expect.arrayContaining(['-g', '50']));
  });

  it('uses the option names of the installed ffmpeg version', () => {
    const v4 = parseFfmpegVersion('ffmpeg', 'ffmpeg version 4.4.2-0ubuntu0.22.04.1\nconfiguration: --enable-gpl --enable-libx264')!;
    const v51 = parseFfmpegVersion('ffmpeg', 'ffmpeg version 5.1.9-0+deb12u1\nconfiguration: --enable-libx264 --enable-gpl')!;
    const git = parseFfmpegVersion('ffmpeg', 'ffmpeg version N-113000-g1234abcd\nconfiguration: --enable-libx264')!;
    expect(v4).toMatchObject({ major: 4, minor: 4 });
    expect(git.major).toBeUndefined();
    expect(parseFfmpegVersion('ffmpeg', 'ffmpeg version 6.0\nconfiguration: --enable-gpl')).toBeUndefined();
    expect(buildTranscodeArgs({ inputCodec: 'h265' }, v4)).toEqual(expect.arrayContaining(['-vsync', 'passthrough']));
    for (const info of [v51, git]) expect(buildTranscodeArgs({ inputCodec: 'h265' }, info)).toEqual(expect.arrayContaining(['-fps_mode', 'passthrough']));
  });
});
