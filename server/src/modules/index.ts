/** The explicit list of modules, in registration order. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { authRoutes } from './auth/auth.routes.js';
import { orgRoutes } from './orgs/orgs.routes.js';
import { memberRoutes } from './members/members.routes.js';
import { accountRoutes } from './accounts/accounts.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { securityRoutes } from './security/security.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { publicRoutes } from './public/public.routes.js';
import { transferRoutes } from './transfers/transfers.routes.js';
import { flowRoutes } from './flows/flows.routes.js';
import { stationRoutes } from './stations/stations.routes.js';
import { excelRoutes } from '../platform/excel/routes.js';
import { excelRegistry } from './excel-registry.js';

export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const mod of [authRoutes, orgRoutes, memberRoutes, accountRoutes, auditRoutes, securityRoutes, dashboardRoutes, publicRoutes, transferRoutes, flowRoutes, stationRoutes, excelRoutes(excelRegistry)]) {
    await app.register(mod, { ctx });
  }
}
