import type { auditChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { AuditService } from './service.js';

export function auditHandlers(audit: AuditService): DomainHandlers<typeof auditChannels> {
  return {
    'sw:audit:list': (query) => audit.list(query),
    'sw:audit:verify': () => audit.verify(),
  };
}
