// Device management service (tds, ver10/device/wsdl).

import { createHash } from 'node:crypto';
import { NS, escapeXml, faults } from './soap-writer.js';
import type { StubContext, StubService } from './stub-context.js';
import { childText, type XmlElement } from './xml-reader.js';

const FIRMWARE = '1.0.0';

function dateTimeXml(tag: string, d: Date): string {
  return (
    `<tt:${tag}><tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute>` +
    `<tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year>` +
    `<tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date></tt:${tag}>`
  );
}

function systemDateAndTime(ctx: StubContext): string {
  const d = new Date(ctx.deviceNow());
  return (
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>' +
    '<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>' +
    dateTimeXml('UTCDateTime', d) +
    dateTimeXml('LocalDateTime', d) +
    '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
  );
}

function capabilities(op: XmlElement, ctx: StubContext): string {
  const wanted = op.children.filter((c) => c.name === 'Category').map((c) => c.text.trim());
  const all = wanted.length === 0 || wanted.includes('All');
  const want = (c: string): boolean => all || wanted.includes(c);
  let xml = '';
  if (want('Device')) {
    xml +=
      `<tt:Device><tt:XAddr>${ctx.xaddrs.device}</tt:XAddr><tt:Network><tt:IPFilter>false</tt:IPFilter>` +
      '<tt:ZeroConfiguration>false</tt:ZeroConfiguration><tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>' +
      '<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>false</tt:DiscoveryBye>' +
      '<tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging>' +
      '<tt:FirmwareUpgrade>false</tt:FirmwareUpgrade><tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>' +
      '<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2><tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration>' +
      '<tt:AccessPolicyConfig>false</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>' +
      '<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security></tt:Device>';
  }
  if (want('Media')) {
    xml +=
      `<tt:Media><tt:XAddr>${ctx.xaddrs.media}</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
      '<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>';
  }
  if (want('Imaging') && ctx.opts.imaging) xml += `<tt:Imaging><tt:XAddr>${ctx.xaddrs.imaging}</tt:XAddr></tt:Imaging>`;
  if (want('PTZ')) xml += `<tt:PTZ><tt:XAddr>${ctx.xaddrs.ptz}</tt:XAddr></tt:PTZ>`;
  if (xml === '') throw faults.invalidArg('NoSuchService', `No capabilities in category ${wanted.join(', ')}`);
  return `<tds:GetCapabilitiesResponse><tds:Capabilities>${xml}</tds:Capabilities></tds:GetCapabilitiesResponse>`;
}

function services(op: XmlElement, ctx: StubContext): string {
  const withCaps = childText(op, 'IncludeCapability') === 'true';
  const entry = (ns: string, xaddr: string, caps: string, major: number, minor: number): string =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${xaddr}</tds:XAddr>` +
    (withCaps ? `<tds:Capabilities>${caps}</tds:Capabilities>` : '') +
    `<tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
  const streaming = 'RTPMulticast="false" RTP_TCP="true" RTP_RTSP_TCP="true"';
  let xml =
    entry(NS.tds, ctx.xaddrs.device, deviceServiceCapabilities(), 2, 60) +
    entry(
      NS.trt,
      ctx.xaddrs.media,
      `<trt:Capabilities SnapshotUri="true" Rotation="false"><trt:ProfileCapabilities MaximumNumberOfProfiles="2"/>` +
        `<trt:StreamingCapabilities ${streaming}/></trt:Capabilities>`,
      2,
      60,
    );
  if (ctx.opts.media2) {
    xml += entry(
      NS.tr2,
      ctx.xaddrs.media2,
      `<tr2:Capabilities SnapshotUri="true" Rotation="false"><tr2:ProfileCapabilities MaximumNumberOfProfiles="2"/>` +
        `<tr2:StreamingCapabilities RTSPStreaming="true" RTPMulticast="false"/></tr2:Capabilities>`,
      2,
      60,
    );
  }
  xml += entry(
    NS.tptz,
    ctx.xaddrs.ptz,
    '<tptz:Capabilities EFlip="false" Reverse="false" GetCompatibleConfigurations="false" MoveStatus="true" StatusPosition="true"/>',
    2,
    60,
  );
  if (ctx.opts.imaging) {
    xml += entry(NS.timg, ctx.xaddrs.imaging, '<timg:Capabilities ImageStabilization="false" Presets="false"/>', 2, 60);
  }
  if (ctx.opts.recordings.length > 0) {
    xml += entry(NS.trc, ctx.xaddrs.recording, `<trc:Capabilities MaxRecordings="${ctx.opts.recordings.length}" MaxRecordingJobs="0"/>`, 2, 60);
    xml += entry(NS.tse, ctx.xaddrs.search, '<tse:Capabilities MetadataSearch="false"/>', 2, 60);
    xml += entry(NS.trp, ctx.xaddrs.replay, '<trp:Capabilities ReversePlayback="false" RTP_RTSP_TCP="true"/>', 2, 60);
  }
  return `<tds:GetServicesResponse>${xml}</tds:GetServicesResponse>`;
}

function deviceServiceCapabilities(): string {
  return (
    '<tds:Capabilities><tds:Network IPFilter="false" ZeroConfiguration="false" IPVersion6="false" DynDNS="false"/>' +
    '<tds:Security UsernameToken="true" HttpDigest="true"/>' +
    '<tds:System DiscoveryResolve="false" DiscoveryBye="false" RemoteDiscovery="false" SystemBackup="false" ' +
    'SystemLogging="false" FirmwareUpgrade="false"/></tds:Capabilities>'
  );
}

/** The device's scopes, as GetScopes and WS-Discovery tell them. */
export function scopeItems(ctx: StubContext): string[] {
  return [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/type/ptz',
    'onvif://www.onvif.org/Profile/Streaming',
    ...(ctx.opts.media2 ? ['onvif://www.onvif.org/Profile/T'] : []),
    `onvif://www.onvif.org/hardware/${ctx.opts.channels > 1 ? 'SkywallDemoNVR' : 'SkywallDemo'}`,
    `onvif://www.onvif.org/manufacturer/${encodeURIComponent(ctx.opts.manufacturer)}`,
    `onvif://www.onvif.org/name/${encodeURIComponent(ctx.opts.name)}`,
    'onvif://www.onvif.org/location/demo',
  ];
}

function scopes(ctx: StubContext): string {
  const items = scopeItems(ctx);
  const xml = items.map((s) => `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${escapeXml(s)}</tt:ScopeItem></tds:Scopes>`);
  return `<tds:GetScopesResponse>${xml.join('')}</tds:GetScopesResponse>`;
}

function deviceInformation(ctx: StubContext): string {
  return (
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${escapeXml(ctx.opts.manufacturer)}</tds:Manufacturer>` +
    `<tds:Model>${escapeXml(ctx.opts.name)}</tds:Model><tds:FirmwareVersion>${FIRMWARE}</tds:FirmwareVersion>` +
    `<tds:SerialNumber>SW-${createHash('sha1').update(ctx.opts.name).digest('hex').slice(0, 10).toUpperCase()}</tds:SerialNumber>` +
    `<tds:HardwareId>skywall-demo-onvif</tds:HardwareId></tds:GetDeviceInformationResponse>`
  );
}

export const deviceService: StubService = {
  ns: NS.tds,
  handle(action, op, ctx) {
    switch (action) {
      case 'GetSystemDateAndTime':
        return systemDateAndTime(ctx);
      case 'GetCapabilities':
        return capabilities(op, ctx);
      case 'GetServices':
        return services(op, ctx);
      case 'GetServiceCapabilities':
        return `<tds:GetServiceCapabilitiesResponse>${deviceServiceCapabilities()}</tds:GetServiceCapabilitiesResponse>`;
      case 'GetDeviceInformation':
        return deviceInformation(ctx);
      case 'GetScopes':
        return scopes(ctx);
      default:
        throw faults.actionNotSupported(action);
    }
  },
};

/** Operations answered without credentials: GetSystemDateAndTime always (clients need the clock first). */
export function isPreAuth(action: string, preAuthDiscovery: boolean): boolean {
  if (action === 'GetSystemDateAndTime') return true;
  return preAuthDiscovery && (action === 'GetServices' || action === 'GetCapabilities' || action === 'GetServiceCapabilities');
}
