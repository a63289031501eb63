// SOAP requests Skywall writes itself but sends through `onvif`'s Cam (its WS-Security header,
// Digest fallback, clock offset and service addresses). The library's own methods leave the
// SOAP action out, and the library then parses its own outgoing XML with xml2js to find it:
// about 0.7 ms a request, and a GC pause of 10+ ms now and then on a loaded machine, on the path
// of every ContinuousMove and Stop. Naming the action skips that parse. The Imaging calls are
// written here too, because the library drops values that are 0 (an iris fully open, a focus
// speed of 0).
import type { Cam } from 'onvif';
import type { LibCallback } from './onvif-call.js';

/** The parts of Cam this relies on; present in `onvif` 0.8.x though not in its type file. */
interface CamInternals {
  _request(options: { service: string; action: string; body: string }, callback: LibCallback): void;
  _envelopeHeader(): string;
  _envelopeFooter(): string;
}

export const SOAP_NS = {
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  imaging: 'http://www.onvif.org/ver20/imaging/wsdl',
  recording: 'http://www.onvif.org/ver10/recording/wsdl',
  search: 'http://www.onvif.org/ver10/search/wsdl',
  replay: 'http://www.onvif.org/ver10/replay/wsdl',
  schema: 'http://www.onvif.org/ver10/schema',
} as const;

/** A number as xs:float text (never exponent notation). */
export function xsFloat(n: number): string {
  const r = Math.round(n * 1e6) / 1e6;
  return Object.is(r, -0) ? '0' : r.toFixed(6).replace(/\.?0+$/, '');
}

/** Sends `<operation xmlns=ns>inner</operation>` to the device's `service` with its action named. */
export function sendSoap(cam: Cam, service: Exclude<keyof typeof SOAP_NS, 'schema'>, operation: string, inner: string, callback: LibCallback): void {
  const raw = cam as unknown as CamInternals;
  const ns = SOAP_NS[service];
  const body = `${raw._envelopeHeader()}<${operation} xmlns="${ns}">${inner}</${operation}>${raw._envelopeFooter()}`;
  raw._request({ service, action: `${ns}/${operation}`, body }, callback);
}
