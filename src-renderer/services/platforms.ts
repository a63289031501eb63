import type { PlatformAdd, PlatformCertificate, PlatformConnection, Res } from '@common/contract/index.js';
import { call } from './bridge.js';

/** Adding a county platform; every call throws a ContractError the form words for the operator. */
export const platformsService = {
  certificate: (host: string, port: number): Promise<PlatformCertificate> => call('sw:platforms:certificate', { host, port }),
  discover: (conn: PlatformConnection): Promise<Res<'sw:platforms:discover'>> => call('sw:platforms:discover', conn),
  add: (req: PlatformAdd): Promise<Res<'sw:platforms:add'>> => call('sw:platforms:add', req),
  refresh: (deviceId: string): Promise<Res<'sw:platforms:refresh'>> => call('sw:platforms:refresh', { deviceId }),
};
