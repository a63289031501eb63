// Media (trt, ver10/media/wsdl) and Media2 (tr2, ver20/media/wsdl) services.

import { channelProfile, channelProfiles, channelStreamUri, channelVideoSourcesXml, media1ChannelProfileXml, media2ChannelProfileXml, type ChannelProfile } from './nvr-channels.js';
import { media1ProfileXml, media2ProfileXml, snapshotUri, videoSourcesXml } from './profile-xml.js';
import { NS, escapeXml, faults } from './soap-writer.js';
import type { StubContext, StubService } from './stub-context.js';
import { PROFILE_TOKENS, isProfileToken, type StubProfileToken } from './stub-options.js';
import { child, childText, type XmlElement } from './xml-reader.js';

/** Channel 1's `main`/`sub`, or an NVR's further channel. */
function anyProfile(op: XmlElement, ctx: StubContext): StubProfileToken | ChannelProfile {
  const token = childText(op, 'ProfileToken') ?? '';
  if (isProfileToken(token)) return token;
  const extra = channelProfile(token, ctx);
  if (!extra) throw faults.noProfile(token);
  return extra;
}

const streamUriOf = (p: StubProfileToken | ChannelProfile, ctx: StubContext): string => (typeof p === 'string' ? ctx.opts.streamUris[p] : channelStreamUri(p, ctx));
const snapshotUriOf = (p: StubProfileToken | ChannelProfile, ctx: StubContext): string => snapshotUri(typeof p === 'string' ? p : p.profile, ctx);

const unsupportedSetup = (what: string): Error => faults.invalidArg('InvalidStreamSetup', `Stream setup not supported: ${what}`);

function media1StreamUri(op: XmlElement, ctx: StubContext): string {
  const setup = child(op, 'StreamSetup');
  const stream = childText(setup, 'Stream') ?? 'RTP-Unicast';
  const protocol = childText(child(setup, 'Transport'), 'Protocol') ?? 'RTSP';
  if (stream !== 'RTP-Unicast') throw unsupportedSetup(stream);
  if (!['RTSP', 'UDP', 'TCP'].includes(protocol)) throw unsupportedSetup(protocol);
  const uri = streamUriOf(anyProfile(op, ctx), ctx);
  return (
    `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
    '<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>'
  );
}

function media1SnapshotUri(op: XmlElement, ctx: StubContext): string {
  const uri = snapshotUriOf(anyProfile(op, ctx), ctx);
  return (
    `<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
    '<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse>'
  );
}

export const mediaService: StubService = {
  ns: NS.trt,
  handle(action, op, ctx) {
    switch (action) {
      case 'GetProfiles':
        return `<trt:GetProfilesResponse>${PROFILE_TOKENS.map((t) => media1ProfileXml(t, ctx)).join('')}${channelProfiles(ctx).map((p) => media1ChannelProfileXml(p, ctx)).join('')}</trt:GetProfilesResponse>`;
      case 'GetProfile': {
        const p = anyProfile(op, ctx);
        return `<trt:GetProfileResponse>${typeof p === 'string' ? media1ProfileXml(p, ctx, 'trt:Profile') : media1ChannelProfileXml(p, ctx, 'trt:Profile')}</trt:GetProfileResponse>`;
      }
      case 'GetVideoSources':
        return `<trt:GetVideoSourcesResponse>${videoSourcesXml(ctx)}${channelVideoSourcesXml(ctx)}</trt:GetVideoSourcesResponse>`;
      case 'GetStreamUri':
        return media1StreamUri(op, ctx);
      case 'GetSnapshotUri':
        return media1SnapshotUri(op, ctx);
      default:
        throw faults.actionNotSupported(action);
    }
  },
};

function media2Profiles(op: XmlElement, ctx: StubContext): string {
  const wanted = childText(op, 'Token');
  const extra = wanted !== undefined ? channelProfile(wanted, ctx) : undefined;
  if (wanted !== undefined && !isProfileToken(wanted) && !extra) throw faults.noProfile(wanted);
  const tokens = wanted === undefined ? PROFILE_TOKENS : isProfileToken(wanted) ? [wanted] : [];
  const extras = wanted === undefined ? channelProfiles(ctx) : extra ? [extra] : [];
  // Media2: configurations are returned only for the listed Type values ("All" for every kind).
  const types = new Set(op.children.filter((c) => c.name === 'Type').flatMap((c) => c.text.trim().split(/\s+/)));
  const parts = types.has('All') ? new Set(['VideoSource', 'VideoEncoder', 'PTZ']) : types;
  return `<tr2:GetProfilesResponse>${tokens.map((t) => media2ProfileXml(t, ctx, parts)).join('')}${extras.map((p) => media2ChannelProfileXml(p, ctx, parts)).join('')}</tr2:GetProfilesResponse>`;
}

function media2StreamUri(op: XmlElement, ctx: StubContext): string {
  const protocol = childText(op, 'Protocol') ?? 'RTSP';
  if (!['RTSP', 'RtspUnicast'].includes(protocol)) throw unsupportedSetup(protocol);
  return `<tr2:GetStreamUriResponse><tr2:Uri>${escapeXml(streamUriOf(anyProfile(op, ctx), ctx))}</tr2:Uri></tr2:GetStreamUriResponse>`;
}

export const media2Service: StubService = {
  ns: NS.tr2,
  handle(action, op, ctx) {
    switch (action) {
      case 'GetProfiles':
        return media2Profiles(op, ctx);
      case 'GetStreamUri':
        return media2StreamUri(op, ctx);
      case 'GetSnapshotUri':
        return `<tr2:GetSnapshotUriResponse><tr2:Uri>${escapeXml(snapshotUriOf(anyProfile(op, ctx), ctx))}</tr2:Uri></tr2:GetSnapshotUriResponse>`;
      default:
        throw faults.actionNotSupported(action);
    }
  },
};
