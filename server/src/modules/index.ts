/**
 * The one list of modules, in registration order. Adding a module: its folder with a `<name>.module.ts`
 * manifest, and one line here (docs/architecture.md, "Adding a module").
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { installModules, type PermissionsOf } from '../platform/module.js';
import { authModule } from './auth/auth.module.js';
import { orgsModule } from './orgs/orgs.module.js';
import { membersModule } from './members/members.module.js';
import { accountsModule } from './accounts/accounts.module.js';
import { auditModule } from './audit/audit.module.js';
import { securityModule } from './security/security.module.js';
import { dashboardModule } from './dashboard/dashboard.module.js';
import { publicModule } from './public/public.module.js';
import { transfersModule } from './transfers/transfers.module.js';
import { flowsModule } from './flows/flows.module.js';
import { stationsModule } from './stations/stations.module.js';
import { contactsModule } from './contacts/contacts.module.js';
import { smsModule } from './sms/sms.module.js';
import { calendarModule } from './calendar/calendar.module.js';
import { followupsModule } from './followups/followups.module.js';
import { surveysModule } from './surveys/surveys.module.js';
import { emergencyModule } from './emergency/emergency.module.js';
import { safetyModule } from './safety/safety.module.js';
import { mailboxModule } from './mailbox/mailbox.module.js';
import { disclosuresModule } from './disclosures/disclosures.module.js';
import { cadresModule } from './cadres/cadres.module.js';
import { learningModule } from './learning/learning.module.js';
import { mediaModule } from './media/media.module.js';
import { newsModule } from './news/news.module.js';
import { viewingsModule } from './viewings/viewings.module.js';
import { excelRoutes } from '../platform/excel/routes.js';

export const MODULES = [
  authModule,
  orgsModule,
  membersModule,
  accountsModule,
  auditModule,
  securityModule,
  safetyModule,
  dashboardModule,
  publicModule,
  transfersModule,
  flowsModule,
  stationsModule,
  contactsModule,
  smsModule,
  calendarModule,
  followupsModule,
  // Before surveys: incoming SMS are offered to the modules in this order, and an emergency's confirmation whose
  // extension the carrier dropped (a bare 1 from someone one open alert asked today) must not become a survey answer.
  emergencyModule,
  surveysModule,
  mailboxModule,
  disclosuresModule,
  cadresModule,
  learningModule,
  mediaModule,
  newsModule,
  viewingsModule,
] as const;

// `Permission` (platform/roles.ts) is exactly the keys the manifests declare.
declare module '../platform/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging widens the interface
  interface PermissionKeys extends Record<PermissionsOf<(typeof MODULES)[number]>, true> {}
}

export const CATALOGUE = installModules(MODULES);

/**
 * The response shapes the OpenAPI document publishes once, under their `$id`, in components/schemas (the web's
 * generated types name them): the manifests' `schemas`, registered before the modules' routes refer to them.
 */
export const publishedSchemas = CATALOGUE.schemas;

/** Starts every module's long-running services (servers, after listen); returns the function that stops them. */
export async function startModuleServices(ctx: AppContext): Promise<() => Promise<void>> {
  const running: { stop(): Promise<void> }[] = [];
  for (const m of CATALOGUE.modules) for (const s of m.services ?? []) running.push(await s.start(ctx));
  return async () => {
    for (const r of running.reverse()) await r.stop();
  };
}

/** Registers every module's routes, job queues, schedules and spreadsheets. */
export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const m of CATALOGUE.modules) {
    for (const q of m.queues ?? []) ctx.jobs.register(q.name, q.handler(ctx), { concurrency: q.concurrency });
    for (const s of m.schedules ?? []) ctx.jobs.every(s.name, s.when, { queue: s.queue, payload: s.payload });
    for (const t of m.maintenance ?? []) ctx.jobs.schedule(t.name, t.everyMs, () => t.run(ctx));
    if (m.routes) await app.register(m.routes, { ctx });
  }
  // The Excel engine serves every module's importers and exporters (their `excel` in the manifests).
  await app.register(excelRoutes(CATALOGUE.excel), { ctx });
}
