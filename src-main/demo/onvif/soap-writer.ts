// SOAP 1.2 envelopes and faults with the prefixes the ONVIF WSDLs use.

export const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tr2: 'http://www.onvif.org/ver20/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  timg: 'http://www.onvif.org/ver20/imaging/wsdl',
  trc: 'http://www.onvif.org/ver10/recording/wsdl',
  tse: 'http://www.onvif.org/ver10/search/wsdl',
  trp: 'http://www.onvif.org/ver10/replay/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
} as const;

export function escapeXml(value: string | number | boolean): string {
  return String(value).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/** Numbers as xs:float text without exponent notation or "-0". */
export function xmlNumber(n: number): string {
  const fixed = Number(n.toFixed(6));
  return String(Object.is(fixed, -0) ? 0 : fixed);
}

export function envelope(bodyXml: string): string {
  const decls = Object.entries(NS)
    .filter(([p]) => p !== 'wsse' && p !== 'wsu')
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope${decls}><env:Body>${bodyXml}</env:Body></env:Envelope>`;
}

/**
 * A SOAP fault as ONVIF words them: env:Sender or env:Receiver, then ter: subcodes from
 * the general to the specific (e.g. ter:InvalidArgVal, ter:NoToken).
 */
export class SoapFault extends Error {
  constructor(
    readonly code: 'Sender' | 'Receiver' | 'VersionMismatch',
    readonly subcodes: string[],
    readonly reason: string,
    /** HTTP status; SOAP 1.2 binding: 400 for Sender faults, 500 otherwise */
    readonly httpStatus: number = code === 'Sender' ? 400 : 500,
  ) {
    super(reason);
    this.name = 'SoapFault';
  }
}

export function faultXml(f: SoapFault): string {
  let sub = '';
  for (let i = f.subcodes.length - 1; i >= 0; i--) {
    sub = `<env:Subcode><env:Value>${f.subcodes[i]}</env:Value>${sub}</env:Subcode>`;
  }
  return (
    `<env:Fault><env:Code><env:Value>env:${f.code}</env:Value>${sub}</env:Code>` +
    `<env:Reason><env:Text xml:lang="en">${escapeXml(f.reason)}</env:Text></env:Reason></env:Fault>`
  );
}

export const faults = {
  notAuthorized: (): SoapFault => new SoapFault('Sender', ['ter:NotAuthorized'], 'Sender not Authorized'),
  wellFormed: (detail: string): SoapFault => new SoapFault('Sender', ['ter:WellFormed'], `Malformed SOAP request: ${detail}`),
  versionMismatch: (): SoapFault => new SoapFault('VersionMismatch', [], 'Only SOAP 1.2 envelopes are accepted'),
  actionNotSupported: (action: string): SoapFault =>
    new SoapFault('Receiver', ['ter:ActionNotSupported'], `Action ${action} is not supported by this service`),
  invalidArg: (subcode: string, reason: string): SoapFault => new SoapFault('Sender', ['ter:InvalidArgVal', `ter:${subcode}`], reason),
  noProfile: (token: string): SoapFault => faults.invalidArg('NoProfile', `No media profile with token "${token}"`),
  noToken: (token: string): SoapFault => faults.invalidArg('NoToken', `No preset with token "${token}"`),
  presetExist: (name: string): SoapFault => faults.invalidArg('PresetExist', `A preset named "${name}" already exists`),
  tooManyPresets: (): SoapFault => new SoapFault('Receiver', ['ter:Action', 'ter:TooManyPresets'], 'Maximum number of presets reached'),
};
