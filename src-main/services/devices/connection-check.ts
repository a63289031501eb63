// The add dialog's two questions to the network: "is there a device here, and do these
// credentials work?" (test) and "which ONVIF devices answer?" (scan). A test that was refused is
// remembered for those exact credentials, so pressing Test again costs the device nothing.
import { createHash } from 'node:crypto';
import { ConnectionFailure, type DeviceTestRequest, type DeviceTestResult, type FoundDevice } from '../../common/contract/index.js';
import type { Camera, DeviceRecord } from '../../common/model/device.js';
import { isSkywallError } from '../../common/model/errors.js';
import { parseStreamUrl } from '../../common/model/stream-url.js';
import { checkVendorRtsp, createIsapiClient, probeOnvif, probeOnvifDevices, readIsapiDevice, type DiscoveryTarget, type IsapiDevice, type ProbedOnvifDevice } from '../../devices/index.js';

export interface ConnectionCheckOptions {
  /** Unicast WS-Discovery responders to probe (the running demo devices). */
  discoveryTargets?: () => DiscoveryTarget[];
  /** Probe the WS-Discovery multicast group too (default true). */
  multicast?: boolean;
  /** How long a scan listens (default 3 s). */
  scanWaitMs?: number;
  /** Per ONVIF call (default 5 s). */
  onvifTimeoutMs?: number;
  /** Per ISAPI or vendor RTSP request (default 5 s). */
  isapiTimeoutMs?: number;
}

export interface ConnectionCheck {
  /** Tests with these credentials; never throws for a device's answer (the result names the failure). */
  test(req: DeviceTestRequest & { password?: string }): Promise<{ result: DeviceTestResult; device?: ProbedOnvifDevice; isapi?: IsapiDevice }>;
  scan(known: DeviceRecord[]): Promise<FoundDevice[]>;
}

const credentialKey = (r: DeviceTestRequest): string =>
  createHash('sha256').update(JSON.stringify([r.host.toLowerCase(), r.port, r.username ?? '', r.password ?? ''])).digest('hex');

type Failure = Extract<DeviceTestResult, { ok: false }>['failure'];

function failureOf(e: unknown, otherwise: Failure): Failure {
  const failure = isSkywallError(e) ? e.params?.failure : undefined;
  return typeof failure === 'string' && ConnectionFailure.safeParse(failure).success ? (failure as Failure) : otherwise;
}

/** Cameras for the channels a Hikvision device listed over ISAPI: its channel numbers and ids, profiles. */
export function camerasFromIsapi(deviceId: string, device: IsapiDevice): Camera[] {
  return device.channels.map((ch) => ({
    id: `${deviceId}-ch${ch.channel}`,
    name: ch.name.slice(0, 64) || `${ch.channel}`,
    ptz: false,
    channel: ch.channel,
    externalId: ch.id,
    sources: ch.profiles.map((p) => ({ ...p })),
  }));
}

/** A snapshot address to store: credentials a device put in it are dropped (the vault has them). */
function snapshotOf(uri: string | undefined): { snapshotUri?: string } {
  if (!uri) return {};
  const parsed = parseStreamUrl(uri, { badEscape: 'keep' });
  return parsed.ok && /^https?$/.test(parsed.value.scheme) && parsed.value.url.length <= 2048 ? { snapshotUri: parsed.value.url } : {};
}

/** Cameras for the channels an ONVIF device reported: channel numbers, source tokens, profiles. */
export function camerasFromProbe(deviceId: string, probed: ProbedOnvifDevice): Camera[] {
  return probed.channels.map((ch, i) => ({
    id: `${deviceId}-ch${i + 1}`,
    name: ch.name.slice(0, 64) || `${i + 1}`,
    ptz: ch.ptz,
    channel: i + 1,
    ...(ch.sourceToken ? { externalId: ch.sourceToken.slice(0, 128) } : {}),
    ...snapshotOf(ch.snapshotUri),
    sources: ch.profiles.map((p) => ({ profile: p.profile, ...(p.codec ? { codec: p.codec } : {}), ...(p.width ? { width: p.width } : {}), ...(p.height ? { height: p.height } : {}) })),
  }));
}

export function createConnectionCheck(options: ConnectionCheckOptions = {}): ConnectionCheck {
  const refused = new Set<string>();
  return {
    async test(req) {
      const key = credentialKey(req);
      if (refused.has(key)) return { result: { ok: false, failure: 'wrong_password' } };
      if (req.kind === 'hikvision') {
        try {
          const client = createIsapiClient({
            host: req.host,
            port: req.port,
            ...(req.username !== undefined ? { username: req.username } : {}),
            password: req.password ?? '',
            ...(options.isapiTimeoutMs !== undefined ? { timeoutMs: options.isapiTimeoutMs } : {}),
          });
          const isapi = await readIsapiDevice(client);
          const channels = camerasFromIsapi('probe', isapi).map((c) => ({ name: c.name, ptz: c.ptz, sources: c.sources }));
          return { result: { ok: true, info: isapi.info, channels }, isapi };
        } catch (e) {
          const failure = failureOf(e, 'not_isapi');
          if (failure === 'wrong_password') refused.add(key);
          return { result: { ok: false, failure } };
        }
      }
      if (req.kind === 'dahua' || req.kind === 'uniview') {
        try {
          const answer = await checkVendorRtsp({
            vendor: req.kind,
            host: req.host,
            ...(req.rtspPort ? { rtspPort: req.rtspPort } : {}),
            ...(req.username !== undefined ? { username: req.username } : {}),
            password: req.password ?? '',
            ...(options.isapiTimeoutMs !== undefined ? { timeoutMs: options.isapiTimeoutMs } : {}),
          });
          const channel = { name: '1', ptz: false, sources: [{ profile: 'main' as const, ...(answer.codec ? { codec: answer.codec } : {}) }] };
          return { result: { ok: true, info: { manufacturer: req.kind === 'dahua' ? 'Dahua' : 'Uniview' }, channels: [channel], streamChecked: true } };
        } catch (e) {
          const failure = failureOf(e, 'no_stream');
          if (failure === 'wrong_password') refused.add(key);
          return { result: { ok: false, failure } };
        }
      }
      if (req.kind !== 'onvif') return { result: { ok: false, failure: 'not_onvif' } };
      try {
        const device = await probeOnvif({
          host: req.host,
          port: req.port,
          ...(req.username ? { username: req.username } : {}),
          ...(req.password ? { password: req.password } : {}),
          ...(options.onvifTimeoutMs !== undefined ? { timeoutMs: options.onvifTimeoutMs } : {}),
        });
        const { manufacturer, model, firmwareVersion, serialNumber } = device.info;
        const info = Object.fromEntries(Object.entries({ manufacturer, model, firmwareVersion, serialNumber }).filter(([, v]) => v).map(([k, v]) => [k, v.slice(0, 128)]));
        const channels = camerasFromProbe('probe', device).map((c) => ({ name: c.name, ptz: c.ptz, sources: c.sources }));
        return { result: { ok: true, info, channels, clockOffsetMs: Math.round(device.clockOffsetMs) }, device };
      } catch (e) {
        const failure = failureOf(e, 'not_onvif');
        if (failure === 'wrong_password') refused.add(key);
        return { result: { ok: false, failure } };
      }
    },
    async scan(known) {
      const found = await probeOnvifDevices({
        targets: options.discoveryTargets?.() ?? [],
        multicast: options.multicast ?? true,
        waitMs: options.scanWaitMs ?? 3000,
      });
      return found.map((d) => {
        const added = known.find((k) => k.host.toLowerCase() === d.host.toLowerCase() && k.port === d.port);
        return {
          host: d.host,
          port: d.port,
          ...(d.name ? { name: d.name } : {}),
          ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
          ...(d.model ? { model: d.model } : {}),
          ...(added ? { addedAs: added.id } : {}),
        };
      });
    },
  };
}
