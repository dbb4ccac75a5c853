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
import { importRoutes } from './imports/imports.routes.js';
import { exportRoutes } from './imports/exports.routes.js';
import { GrantView, Me } from './auth/auth.schema.js';
import { OrgDetail, OrgSummary } from './orgs/orgs.schema.js';
import { MemberDetail, MemberSummary } from './members/members.schema.js';
import { Account, ApprovalRequest, PendingApproval } from './accounts/accounts.schema.js';
import { Flow } from './flows/flows.schema.js';
import { Station } from './stations/stations.schema.js';
import { TransferDetail, TransferSummary } from './transfers/transfers.schema.js';
import { ImportStatus } from './imports/imports.schema.js';

/**
 * The response shapes the OpenAPI document publishes once, under their `$id`, in components/schemas (the web's
 * generated types name them): registered before the modules, whose routes refer to them (platform/schemas.ts, `ref`).
 */
export const publishedSchemas = [
  GrantView, Me, OrgSummary, OrgDetail, MemberSummary, MemberDetail, Account, ApprovalRequest, PendingApproval,
  Flow, Station, TransferSummary, TransferDetail, ImportStatus,
];

export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const mod of [authRoutes, orgRoutes, memberRoutes, accountRoutes, auditRoutes, securityRoutes, dashboardRoutes, publicRoutes, transferRoutes, flowRoutes, stationRoutes, importRoutes, exportRoutes]) {
    await app.register(mod, { ctx });
  }
}
