/** 安全策略: passwords, lockout, sessions and second factors, kept by the security administrator. */
import { defineModule } from '../../platform/module.js';
import { securityRoutes } from './security.routes.js';

export const securityModule = defineModule({
  name: 'security',
  routes: securityRoutes,
  permissions: {
    'security.read': { zh: '查看安全策略', en: 'View the security policy', roles: ['secadmin'] },
    'security.write': { zh: '修改安全策略', en: 'Change the security policy', roles: ['secadmin'] },
  },
  auditActions: {
    'security.update': { zh: '修改安全策略', en: 'Update security policy' },
  },
  entityTypes: {
    security: { zh: '安全策略', en: 'Security policy' },
    security_policy: { zh: '安全策略', en: 'Security policy' },
  },
});
