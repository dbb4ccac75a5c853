/** 远程教育终端站点 (F-07): the registry of receiving stations. Import/export lives in the imports module. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { IdParams, Station, StationCreateBody, StationList, StationListQuery, StationStatusBody, StationUpdateBody } from './stations.schema.js';
import * as svc from './stations.service.js';

export const stationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['stations'];

  app.get('/api/stations', {
    config: { policy: 'station.read' },
    schema: { tags, summary: '远程教育终端站点（管辖范围内，键集分页）', querystring: StationListQuery, response: responses({ 200: StationList }) },
  }, async (req) => svc.listStations(ctx, requireActor(req), req.query));

  app.get('/api/stations/:id', {
    config: { policy: 'station.read' },
    schema: { tags, summary: '站点详情', params: IdParams, response: responses({ 200: Station }) },
  }, async (req) => svc.present(await svc.loadAuthorized(ctx, requireActor(req), req.params.id, 'station.read')));

  app.post('/api/stations', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '登记站点', body: StationCreateBody, response: responses({ 201: Station }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.createStation(ctx, actor, req.body);
    return reply.status(201).send(svc.present(await svc.loadAuthorized(ctx, actor, id, 'station.read')));
  });

  app.patch('/api/stations/:id', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '修改站点信息（带回 updatedAt 防止覆盖他人修改）', params: IdParams, body: StationUpdateBody, response: responses({ 200: Station }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updateStation(ctx, actor, req.params.id, req.body);
    return svc.present(await svc.loadAuthorized(ctx, actor, req.params.id, 'station.read'));
  });

  app.post('/api/stations/:id/status', {
    config: { policy: 'org.write' },
    schema: { tags, summary: '变更站点状态（正常/暂停/故障）', params: IdParams, body: StationStatusBody, response: responses({ 200: Station }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.setStatus(ctx, actor, req.params.id, req.body.status, req.body.reason);
    return svc.present(await svc.loadAuthorized(ctx, actor, req.params.id, 'station.read'));
  });
};
