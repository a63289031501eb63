// What every XML answer from a device goes through before any parser sees it: a document type
// declaration or entity definition is refused outright (no external entities, no entity
// expansion bombs). Real ONVIF and ISAPI answers never carry either.
import { SkywallError } from '../common/model/errors.js';

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

export function refuseXmlDeclarations(xml: string, what: string): void {
  if (DECLARATION.test(xml)) throw new SkywallError('protocol', `${what} carries a DOCTYPE or ENTITY declaration; refused`, { reason: 'xml_declaration' });
}
