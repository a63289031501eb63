// Media (trt, ver10/media/wsdl) and Media2 (tr2, ver20/media/wsdl) services.

import { media1ProfileXml, media2ProfileXml, snapshotUri, videoSourcesXml } from './profile-xml.js';
import { NS, escapeXml, faults } from './soap-writer.js';
import type { StubContext, StubService } from './stub-context.js';
import { PROFILE_TOKENS, isProfileToken, type StubProfileToken } from './stub-options.js';
import { child, childText, type XmlElement } from './xml-reader.js';

function profileToken(op: XmlElement): StubProfileToken {
  const token = childText(op, 'ProfileToken') ?? '';
  if (!isProfileToken(token)) throw faults.noProfile(token);
  return token;
}

const unsupportedSetup = (what: string): Error => faults.invalidArg('InvalidStreamSetup', `Stream setup not supported: ${what}`);

function media1StreamUri(op: XmlElement, ctx: StubContext): string {
  const setup = child(op, 'StreamSetup');
  const stream = childText(setup, 'Stream') ?? 'RTP-Unicast';
  const protocol = childText(child(setup, 'Transport'), 'Protocol') ?? 'RTSP';
  if (stream !== 'RTP-Unicast') throw unsupportedSetup(stream);
  if (!['RTSP', 'UDP', 'TCP'].includes(protocol)) throw unsupportedSetup(protocol);
  const uri = ctx.opts.streamUris[profileToken(op)];
  return (
    `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
    '<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>'
  );
}

function media1SnapshotUri(op: XmlElement, ctx: StubContext): string {
  const uri = snapshotUri(profileToken(op), ctx);
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
        return `<trt:GetProfilesResponse>${PROFILE_TOKENS.map((t) => media1ProfileXml(t, ctx)).join('')}</trt:GetProfilesResponse>`;
      case 'GetProfile':
        return `<trt:GetProfileResponse>${media1ProfileXml(profileToken(op), ctx, 'trt:Profile')}</trt:GetProfileResponse>`;
      case 'GetVideoSources':
        return `<trt:GetVideoSourcesResponse>${videoSourcesXml(ctx)}</trt:GetVideoSourcesResponse>`;
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
  if (wanted !== undefined && !isProfileToken(wanted)) throw faults.noProfile(wanted);
  const tokens = wanted !== undefined ? [wanted as StubProfileToken] : PROFILE_TOKENS;
  // Media2: configurations are returned only for the listed Type values ("All" for every kind).
  const types = new Set(op.children.filter((c) => c.name === 'Type').flatMap((c) => c.text.trim().split(/\s+/)));
  const parts = types.has('All') ? new Set(['VideoSource', 'VideoEncoder', 'PTZ']) : types;
  return `<tr2:GetProfilesResponse>${tokens.map((t) => media2ProfileXml(t, ctx, parts)).join('')}</tr2:GetProfilesResponse>`;
}

function media2StreamUri(op: XmlElement, ctx: StubContext): string {
  const protocol = childText(op, 'Protocol') ?? 'RTSP';
  if (!['RTSP', 'RtspUnicast'].includes(protocol)) throw unsupportedSetup(protocol);
  return `<tr2:GetStreamUriResponse><tr2:Uri>${escapeXml(ctx.opts.streamUris[profileToken(op)])}</tr2:Uri></tr2:GetStreamUriResponse>`;
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
        return `<tr2:GetSnapshotUriResponse><tr2:Uri>${escapeXml(snapshotUri(profileToken(op), ctx))}</tr2:Uri></tr2:GetSnapshotUriResponse>`;
      default:
        throw faults.actionNotSupported(action);
    }
  },
};
