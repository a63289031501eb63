// An NVR's extra video channels: channel N (2 and up) has its own video source and the profiles
// `chN-main` and `chN-sub`, without PTZ. Channel 1 stays the `main`/`sub` pair the PTZ files use.
import { media1EncoderXml, media2EncoderXml } from './profile-xml.js';
import { escapeXml } from './soap-writer.js';
import type { StubContext } from './stub-context.js';
import type { StubProfileToken } from './stub-options.js';

export interface ChannelProfile {
  token: string;
  channel: number;
  profile: StubProfileToken;
}

const TOKEN = /^ch(\d{1,2})-(main|sub)$/;

export function channelProfiles(ctx: StubContext): ChannelProfile[] {
  const out: ChannelProfile[] = [];
  for (let channel = 2; channel <= ctx.opts.channels; channel++) {
    for (const profile of ['main', 'sub'] as const) out.push({ token: `ch${channel}-${profile}`, channel, profile });
  }
  return out;
}

export function channelProfile(token: string, ctx: StubContext): ChannelProfile | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const channel = Number(m[1]);
  if (channel < 2 || channel > ctx.opts.channels) return undefined;
  return { token, channel, profile: m[2] as StubProfileToken };
}

const sourceToken = (channel: number): string => `video-source-${channel - 1}`;

function sourceConfigXml(tag: string, p: ChannelProfile, ctx: StubContext): string {
  const v = ctx.opts.video.main;
  return (
    `<${tag} token="video-source-config-${p.channel - 1}"><tt:Name>VideoSourceConfig ${p.channel}</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:SourceToken>${sourceToken(p.channel)}</tt:SourceToken><tt:Bounds x="0" y="0" width="${v.width}" height="${v.height}"/></${tag}>`
  );
}

export function media1ChannelProfileXml(p: ChannelProfile, ctx: StubContext, tag = 'trt:Profiles'): string {
  return (
    `<${tag} token="${p.token}" fixed="true"><tt:Name>${escapeXml(`Channel ${p.channel} ${p.profile}`)}</tt:Name>` +
    sourceConfigXml('tt:VideoSourceConfiguration', p, ctx) +
    media1EncoderXml(p.token, ctx.opts.video[p.profile]) +
    `</${tag}>`
  );
}

export function media2ChannelProfileXml(p: ChannelProfile, ctx: StubContext, parts: ReadonlySet<string>): string {
  const configs = (parts.has('VideoSource') ? sourceConfigXml('tr2:VideoSource', p, ctx) : '') + (parts.has('VideoEncoder') ? media2EncoderXml(p.token, ctx.opts.video[p.profile]) : '');
  return (
    `<tr2:Profiles token="${p.token}" fixed="true"><tr2:Name>${escapeXml(`Channel ${p.channel} ${p.profile}`)}</tr2:Name>` +
    (configs ? `<tr2:Configurations>${configs}</tr2:Configurations>` : '') +
    `</tr2:Profiles>`
  );
}

export function channelVideoSourcesXml(ctx: StubContext): string {
  const v = ctx.opts.video.main;
  let xml = '';
  for (let channel = 2; channel <= ctx.opts.channels; channel++) {
    xml += `<trt:VideoSources token="${sourceToken(channel)}"><tt:Framerate>${v.fps}</tt:Framerate><tt:Resolution><tt:Width>${v.width}</tt:Width><tt:Height>${v.height}</tt:Height></tt:Resolution></trt:VideoSources>`;
  }
  return xml;
}

export function channelStreamUri(p: ChannelProfile, ctx: StubContext): string {
  return ctx.opts.channelStreamUri(p.channel, p.profile);
}
