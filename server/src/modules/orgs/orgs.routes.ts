/** /api/orgs: the organization tree (F-01). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { authorize, scopePaths } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { IdParams, OrgCreateBody, OrgDetail, OrgList, OrgMoveBody, OrgSearchQuery, OrgUpdateBody } from './orgs.schema.js';
import * as repo from './orgs.repository.js';
import * as svc from './orgs.service.js';
import { VersionedCache } from '../../platform/versioned-cache.js';
import { countsVersion } from '../../platform/counts-version.js';

export const orgRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // A tree level's rows with their subtree member counts (a township sums a thousand per-org counters): kept per
  // parent until members, orgs or stations change (platform/counts-version.ts), shared by everyone allowed to see it.
  const keptChildren = new VersionedCache<repo.OrgWithCounts[]>({ maxEntries: 5000, maxAgeMs: 10 * 60_000 });
  const tags = ['orgs'];

  app.get('/api/orgs/roots', {
    config: { policy: 'org.read' },
    schema: { tags, summary: '本人管辖范围的顶层组织', response: responses({ 200: OrgList }) },
  }, async (req) => ({ items: await svc.roots(ctx, requireActor(req)) }));

  app.get('/api/orgs', {
    config: { policy: 'org.read' },
    schema: { tags, summary: '按名称查找管辖范围内的组织', querystring: OrgSearchQuery, response: responses({ 200: OrgList }) },
  }, async (req) => {
    const items = await repo.searchOrgs(ctx.db, req.query.q.trim(), scopePaths(requireActor(req), 'org.read'), req.query.limit ?? 20);
    return { items: items.map(svc.presentSummary) };
  });

  app.get('/api/orgs/:id', {
    config: { policy: 'org.read' },
    schema: { tags, summary: '组织详情', params: IdParams, response: responses({ 200: OrgDetail }) },
  }, async (req) => {
    return svc.loadOrgDetail(ctx, req.params.id, requireActor(req));
  });

  app.get('/api/orgs/:id/children', {
    config: { policy: 'org.read' },
    schema: { tags, summary: '下级组织', params: IdParams, response: responses({ 200: OrgList }) },
  }, async (req) => {
    const actor = requireActor(req);
    const org = await svc.findOrgForRead(ctx, req.params.id, actor);
    if (!org) throw notFound('组织');
    authorize(actor, 'org.read', org.path);
    const version = await countsVersion(ctx.db, actor);
    return { items: (await keptChildren.get(req.params.id, version, () => repo.childrenOf(ctx.db, req.params.id))).map(svc.presentSummary) };
  });

  app.post('/api/orgs', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '新增组织', body: OrgCreateBody, response: responses({ 201: OrgDetail }) },
  }, async (req, reply) => {
    const id = await svc.createOrg(ctx, requireActor(req), req.body);
    return reply.status(201).send(await svc.loadOrgDetail(ctx, id));
  });

  app.patch('/api/orgs/:id', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '修改组织信息', params: IdParams, body: OrgUpdateBody, response: responses({ 200: OrgDetail }) },
  }, async (req) => {
    await svc.updateOrg(ctx, requireActor(req), req.params.id, req.body);
    return svc.loadOrgDetail(ctx, req.params.id);
  });

  app.post('/api/orgs/:id/move', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '移动组织（连同下级组织与党员）', params: IdParams, body: OrgMoveBody, response: responses({ 200: OrgDetail }) },
  }, async (req) => {
    await svc.moveOrg(ctx, requireActor(req), req.params.id, req.body.parentId, req.body.version);
    return svc.loadOrgDetail(ctx, req.params.id);
  });

  app.post('/api/orgs/:id/deactivate', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '撤销组织', params: IdParams, response: responses({ 200: OrgDetail }) },
  }, async (req) => {
    await svc.deactivateOrg(ctx, requireActor(req), req.params.id);
    return svc.loadOrgDetail(ctx, req.params.id);
  });
};
