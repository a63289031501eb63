// Media profiles "main" and "sub" in the Media (trt, ver10) and Media2 (tr2, ver20) shapes.
// Both profiles share one video source and one PTZ configuration, as on a real camera.

import { ptzConfigurationXml } from './ptz-xml.js';
import { escapeXml } from './soap-writer.js';
import { VIDEO_SOURCE_CONFIG_TOKEN, VIDEO_SOURCE_TOKEN, type StubContext } from './stub-context.js';
import { PROFILE_TOKENS, type StubProfileToken, type StubVideo } from './stub-options.js';

function sourceBounds(ctx: StubContext): { width: number; height: number } {
  const v = ctx.opts.video;
  return { width: Math.max(v.main.width, v.sub.width), height: Math.max(v.main.height, v.sub.height) };
}

function videoSourceConfigurationXml(tag: string, ctx: StubContext): string {
  const b = sourceBounds(ctx);
  return (
    `<${tag} token="${VIDEO_SOURCE_CONFIG_TOKEN}"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:SourceToken>${VIDEO_SOURCE_TOKEN}</tt:SourceToken><tt:Bounds x="0" y="0" width="${b.width}" height="${b.height}"/></${tag}>`
  );
}

const resolutionXml = (v: StubVideo): string =>
  `<tt:Resolution><tt:Width>${v.width}</tt:Width><tt:Height>${v.height}</tt:Height></tt:Resolution>`;

const multicastXml =
  '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address>' +
  '<tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>';

export function media1EncoderXml(token: string, v: StubVideo): string {
  const gop = v.fps * 2;
  return (
    `<tt:VideoEncoderConfiguration token="encoder-${token}"><tt:Name>Encoder ${token}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${v.encoding}</tt:Encoding>${resolutionXml(v)}<tt:Quality>5</tt:Quality>` +
    `<tt:RateControl><tt:FrameRateLimit>${v.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${v.bitrateKbps}</tt:BitrateLimit></tt:RateControl>` +
    (v.encoding === 'H264' ? `<tt:H264><tt:GovLength>${gop}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>` : '') +
    `${multicastXml}<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>`
  );
}

export function media2EncoderXml(token: string, v: StubVideo): string {
  return (
    `<tr2:VideoEncoder token="encoder-${token}" GovLength="${v.fps * 2}" Profile="Main">` +
    `<tt:Name>Encoder ${token}</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>${v.encoding}</tt:Encoding>${resolutionXml(v)}` +
    `<tt:RateControl ConstantBitRate="false"><tt:FrameRateLimit>${v.fps}</tt:FrameRateLimit>` +
    `<tt:BitrateLimit>${v.bitrateKbps}</tt:BitrateLimit></tt:RateControl>${multicastXml}<tt:Quality>5</tt:Quality></tr2:VideoEncoder>`
  );
}

export function media1ProfileXml(token: StubProfileToken, ctx: StubContext, tag = 'trt:Profiles'): string {
  return (
    `<${tag} token="${token}" fixed="true"><tt:Name>${escapeXml(token)}</tt:Name>` +
    videoSourceConfigurationXml('tt:VideoSourceConfiguration', ctx) +
    media1EncoderXml(token, ctx.opts.video[token]) +
    ptzConfigurationXml('tt:PTZConfiguration', ctx.opts.defaultPtzTimeoutSec) +
    `</${tag}>`
  );
}

/** `parts`: which configurations to include (Media2 GetProfiles Type filter). */
export function media2ProfileXml(token: StubProfileToken, ctx: StubContext, parts: ReadonlySet<string>): string {
  const configs =
    (parts.has('VideoSource') ? videoSourceConfigurationXml('tr2:VideoSource', ctx) : '') +
    (parts.has('VideoEncoder') ? media2EncoderXml(token, ctx.opts.video[token]) : '') +
    (parts.has('PTZ') ? ptzConfigurationXml('tr2:PTZ', ctx.opts.defaultPtzTimeoutSec) : '');
  return (
    `<tr2:Profiles token="${token}" fixed="true"><tr2:Name>${escapeXml(token)}</tr2:Name>` +
    (configs ? `<tr2:Configurations>${configs}</tr2:Configurations>` : '') +
    `</tr2:Profiles>`
  );
}

export function videoSourcesXml(ctx: StubContext): string {
  const b = sourceBounds(ctx);
  const fps = Math.max(...PROFILE_TOKENS.map((t) => ctx.opts.video[t].fps));
  return (
    `<trt:VideoSources token="${VIDEO_SOURCE_TOKEN}"><tt:Framerate>${fps}</tt:Framerate>` +
    `<tt:Resolution><tt:Width>${b.width}</tt:Width><tt:Height>${b.height}</tt:Height></tt:Resolution></trt:VideoSources>`
  );
}

/** GetSnapshotUri answer: configured URL or this stub's own /snapshot path. */
export function snapshotUri(token: StubProfileToken, ctx: StubContext): string {
  return ctx.opts.snapshotUris[token] ?? `${ctx.baseUrl}/snapshot/${token}.jpg`;
}
