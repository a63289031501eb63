// SOAP answers from ONVIF devices, through the real `onvif` library (its xml2js parsing and
// its per-operation handlers) and Skywall's checks (callOnvif + onvif-schemas). Only the
// transport is replaced: the answer is handed to the library where its HTTP response 'end'
// listener would hand it over, so anything thrown there would be an uncaught exception in
// the app. Input: first byte picks the operation, the rest is the answer body.
import { createRequire } from 'node:module';
import onvif from 'onvif';
import { ZodError } from 'zod';
import { SkywallError } from '../../../common/model/errors.js';
import { callOnvif, type LibCallback } from '../../../devices/onvif/onvif-call.js';
import { parseDeviceInfo, parsePresets, parseProfiles, parseSetPresetToken, parseStatus, parseUri } from '../../../devices/onvif/onvif-schemas.js';
import { parseXml, XmlSyntaxError } from '../../../demo/onvif/xml-reader.js';
import { onlyErrors, text, type FuzzTarget } from '../target.js';

type Cam = InstanceType<typeof onvif.Cam>;
type ParseSoap = (xml: string, callback: LibCallback, statusCode: number) => void;
const { parseSOAPString } = createRequire(import.meta.url)('onvif/lib/utils.js') as { parseSOAPString: ParseSoap };

interface Operation {
  name: string;
  run(cam: Cam, cb: LibCallback): void;
  parse(value: unknown, cam: Cam): unknown;
}

const ignore = (): undefined => undefined;
const profile = { profileToken: 'main' };

/** The calls Skywall makes (devices/onvif), with the checks it applies to each answer. */
export const ONVIF_OPERATIONS: readonly Operation[] = [
  {
    name: 'GetSystemDateAndTime',
    run: (cam, cb) => cam.getSystemDateAndTime(cb),
    parse: (v) => {
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw new Error('no date');
      return v;
    },
  },
  { name: 'GetServices', run: (cam, cb) => cam.getServices(true, cb), parse: ignore },
  { name: 'GetCapabilities', run: (cam, cb) => cam.getCapabilities(cb), parse: ignore },
  { name: 'GetDeviceInformation', run: (cam, cb) => cam.getDeviceInformation(cb), parse: (v) => parseDeviceInfo(v) },
  { name: 'GetProfiles', run: (cam, cb) => cam.getProfiles(cb), parse: (v) => parseProfiles(v) },
  { name: 'GetStreamUri', run: (cam, cb) => cam.getStreamUri({ protocol: 'RTSP', ...profile }, cb), parse: (v) => parseUri(v, /^rtsps?:\/\//i) },
  { name: 'GetSnapshotUri', run: (cam, cb) => cam.getSnapshotUri(profile, cb), parse: (v) => parseUri(v, /^https?:\/\//i) },
  { name: 'GetStatus', run: (cam, cb) => cam.getStatus(profile, cb), parse: (v) => parseStatus(v) },
  { name: 'GetPresets', run: (cam, cb) => cam.getPresets(profile, cb), parse: (_v, cam) => parsePresets(cam.presets) },
  { name: 'SetPreset', run: (cam, cb) => cam.setPreset({ ...profile, presetName: 'Gate' }, cb), parse: (v) => parseSetPresetToken(v) },
  { name: 'GotoPreset', run: (cam, cb) => cam.gotoPreset({ ...profile, preset: '1' }, cb), parse: ignore },
  { name: 'RemovePreset', run: (cam, cb) => cam.removePreset({ ...profile, presetToken: '1' }, cb), parse: ignore },
  { name: 'ContinuousMove', run: (cam, cb) => cam.continuousMove({ ...profile, x: 0.5, y: 0, zoom: 0 }, cb), parse: ignore },
  { name: 'Stop', run: (cam, cb) => cam.stop({ ...profile, panTilt: true, zoom: true }, cb), parse: ignore },
  { name: 'AbsoluteMove', run: (cam, cb) => cam.absoluteMove({ ...profile, x: 0, y: 0, zoom: 0 }, cb), parse: ignore },
  { name: 'RelativeMove', run: (cam, cb) => cam.relativeMove({ ...profile, x: 0.1, y: 0, zoom: 0 }, cb), parse: ignore },
  { name: 'GotoHomePosition', run: (cam, cb) => cam.gotoHomePosition(profile, cb), parse: ignore },
];

export class EscapedFromLibrary extends Error {
  override name = 'EscapedFromLibrary';
}

export const onvifSoap: FuzzTarget = {
  name: 'onvif-soap',
  about: 'ONVIF SOAP answers through the onvif library and callOnvif/onvif-schemas; the call must settle with a value or a SkywallError, nothing may escape the library',
  maxLength: 8192,
  dictionary: [
    '<SOAP-ENV:Envelope>', '</SOAP-ENV:Envelope>', '<SOAP-ENV:Body>', '</SOAP-ENV:Body>', '<SOAP-ENV:Fault>', '<env:Value>ter:NotAuthorized</env:Value>',
    '<tt:', '</tt:', '<tds:', '<trt:', '<tptz:', ' token="', '"', '>', '</', '/>', '<![CDATA[', ']]>', '&amp;', '&#x110000;', 'xmlns:tt="', 'true', '1.5', 'NaN',
    '2026-12-03T10:00:00Z', '<tt:Uri>', 'rtsp://', '<tt:Year>', '<tt:Hour>', '<tt:Width>', '<tt:Height>', '<tt:Encoding>H264</tt:Encoding>', '<tt:MoveStatus>',
  ],
  async run(input) {
    const op = ONVIF_OPERATIONS[input.length === 0 ? 0 : input[0] % ONVIF_OPERATIONS.length];
    const xml = text(input.subarray(1));
    const cam = new onvif.Cam({ hostname: '127.0.0.1', port: 8000, username: 'admin', password: 'pw', autoconnect: false, preserveAddress: true });
    let escaped: unknown;
    // Replaces the library's transport (and its parse of the outgoing request for the SOAP action).
    (cam as unknown as { _request: (options: unknown, cb: LibCallback) => void })._request = (_options, cb) => {
      try {
        parseSOAPString(xml, cb, 200);
      } catch (e) {
        escaped = e;
      }
    };
    // callOnvif turns every parse failure into a 'protocol' SkywallError; the checks may fail
    // only the documented ways (a ZodError, or a plain Error of their own), not with a TypeError.
    let badParse: unknown;
    const parse = (v: unknown): unknown => {
      try {
        return op.parse(v, cam);
      } catch (e) {
        if (!(e instanceof ZodError) && !(e instanceof Error && e.constructor === Error)) badParse = e;
        throw e;
      }
    };
    const outcome = await callOnvif({ host: '127.0.0.1', port: 8000, operation: op.name }, 200, (cb) => op.run(cam, cb), parse).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (escaped !== undefined) throw new EscapedFromLibrary(`thrown out of the library's response handler: ${String((escaped as Error).stack ?? escaped)}`);
    if (badParse !== undefined) throw badParse;
    if (outcome !== undefined && !(outcome instanceof SkywallError)) throw outcome;
  },
};

export const soapXmlReader: FuzzTarget = {
  name: 'soap-xml-reader',
  about: "SOAP requests through the demo device's strict XML reader (demo/onvif/xml-reader); only XmlSyntaxError may be thrown",
  expected: onlyErrors(XmlSyntaxError),
  maxLength: 8192,
  dictionary: ['<', '>', '</', '/>', '<?xml version="1.0"?>', '<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE', 'xmlns="', 'xmlns:s="', 's:', '="', "='", '&lt;', '&#', '&#x', ';', '&#x110000;', '&#99999999;', '&bogus;'],
  run(input) {
    parseXml(text(input));
  },
};
