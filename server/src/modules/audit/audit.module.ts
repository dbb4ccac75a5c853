/** 审计日志: the audit administrator's reading of the chained log. */
import { defineModule } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule = defineModule({
  name: 'audit',
  routes: auditRoutes,
  permissions: {
    'audit.read': { zh: '查阅审计日志', en: 'Read the audit log', roles: ['auditor'] },
  },
  pathCopies: {
    historical: [{ table: 'audit_log', column: 'org_path', why: 'where an audited act happened, at that moment' }],
  },
});
