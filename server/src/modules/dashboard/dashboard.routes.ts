/** /api/dashboard: the leadership view of one subtree (F-95, first part). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { authorize, scopePaths } from '../../platform/actor.js';
import { IdString } from '../../platform/schemas.js';
import { chinaToday, chinaYear } from '../../platform/china-time.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { findOrgForRead } from '../orgs/orgs.service.js';
import { VersionedCache } from '../../platform/versioned-cache.js';
import { countsVersion } from '../../platform/counts-version.js';
import * as repo from './dashboard.repository.js';
import { viewingSummary } from '../viewings/viewings.queries.js';
import { ViewingSummary } from '../viewings/viewings.schema.js';

const Buckets = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));
const totalsFields = {
  members: Type.Integer(), full: Type.Integer(), probationary: Type.Integer(), migrants: Type.Integer(), lostContact: Type.Integer(),
  orgs: Type.Integer(), branches: Type.Integer(), stations: Type.Integer(),
};
const Dashboard = Type.Object({
  org: Type.Object({ id: Type.String(), name: Type.String() }),
  totals: Type.Object(totalsFields),
  byCategory: Buckets, byGender: Buckets, byAgeBand: Buckets, byEducation: Buckets, migrantsByDestination: Buckets,
  orgsByType: Buckets, stationsByType: Buckets, stationsByStatus: Buckets,
  /** 党龄 bands: <5, 5-10, 10-20, 20-30, 30-50, >=50 years */
  byPartyAge: Buckets,
  byEthnicity: Buckets,
  warnings: Type.Object({ tooFewFullMembers: Type.Integer(), tooManyMembers: Type.Integer() }),
  /** the same key totals for every direct child organization, for drilling down */
  children: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), ...totalsFields })),
});

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // A province's staff open their dashboards on the same morning: each organization's dashboard is computed once per
  // change of members, orgs or stations (and per China day, as age bands move with it) and shared by everyone who
  // may see it; concurrent askers of the same one wait for one computation. The counter makes it exact, not merely fresh.
  const kept = new VersionedCache<repo.Dashboard>({ maxEntries: 2000, maxAgeMs: 10 * 60_000 });

  app.get('/api/dashboard', {
    config: { policy: 'dashboard.read' },
    schema: { tags: ['dashboard'], summary: '管辖范围统计', querystring: Type.Object({ orgId: Type.Optional(IdString) }), response: responses({ 200: Dashboard }) },
  }, async (req) => {
    const actor = requireActor(req);
    let org;
    if (req.query.orgId) {
      org = await findOrgForRead(ctx, req.query.orgId, actor);
      if (!org) throw notFound('组织');
      authorize(actor, 'dashboard.read', org.path);
    } else {
      const top = scopePaths(actor, 'dashboard.read')[0];
      if (!top) throw forbidden();
      org = await findOrgForRead(ctx, top.split('/').filter(Boolean).pop()!, actor);
      if (!org) throw notFound('组织');
    }
    const today = chinaToday(ctx.now());
    const version = await countsVersion(ctx.db, actor);
    return kept.get(`${org.id}|${today}`, version, () => repo.dashboard(ctx.db, org, today));
  });

  // 本年集中收看 (stations section): served uncached beside the kept dashboard. Viewing confirmations do not bump
  // counts_version (that would recompute every kept dashboard on each confirmation), and the figures are one small
  // sum over viewing_station_years (≤ one row per station and year), so reading them fresh is exact and cheap.
  app.get('/api/dashboard/viewings', {
    config: { policy: 'dashboard.read' },
    schema: { tags: ['dashboard'], summary: '本年集中收看：已确认考勤的场次和到场人次（管辖范围内）', querystring: Type.Object({ orgId: Type.Optional(IdString) }), response: responses({ 200: ViewingSummary }) },
  }, async (req) => {
    const actor = requireActor(req);
    let path: string;
    if (req.query.orgId) {
      const org = await findOrgForRead(ctx, req.query.orgId, actor);
      if (!org) throw notFound('组织');
      authorize(actor, 'dashboard.read', org.path);
      path = org.path;
    } else {
      const top = scopePaths(actor, 'dashboard.read')[0];
      if (!top) throw forbidden();
      path = top;
    }
    return viewingSummary(ctx.db, path, chinaYear(ctx.now()));
  });
};
