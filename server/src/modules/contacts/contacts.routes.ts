/** 通讯录 (issue 9, item 1): party posts, the village officials' roster, contact groups and SMS opt-outs. Spreadsheets: contacts.excel.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { mayReveal } from '../../platform/reveal.js';
import {
  ContactGroupView, GroupCreateBody, GroupEntryBody, GroupEntryList, GroupEntryListQuery, GroupEntryParams, GroupList, GroupListQuery, GroupUpdateBody,
  IdParams, OfficialCreateBody, OfficialList, OfficialListQuery, OfficialUpdateBody, OptOutAnswer, OptOutBody, PartyPositionView, PeopleList,
  PeopleQuery, PositionCreateBody, PositionList, PositionListQuery, PositionUpdateBody, RevealAnswer, VillageOfficialView,
} from './contacts.schema.js';
import * as svc from './contacts.service.js';

const Created = Type.Object({ id: Type.String() });

export const contactRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['contacts'];
  const positionView = async (actor: ReturnType<typeof requireActor>, id: string) => svc.presentPosition(await svc.loadPosition(ctx, actor, id, 'contact.read'), svc.today(ctx));
  const officialView = async (actor: ReturnType<typeof requireActor>, id: string) => {
    const v = await svc.loadOfficial(ctx, actor, id, 'contact.read');
    return svc.presentOfficial(v, svc.today(ctx), mayReveal(actor, v.org_path));
  };

  // ——— 党内职务 ———
  app.get('/api/contacts/positions', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '党内职务（管辖范围内；默认只列现任，键集分页）', querystring: PositionListQuery, response: responses({ 200: PositionList }) },
  }, async (req) => svc.listPositions(ctx, requireActor(req), req.query));

  app.post('/api/contacts/positions', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '登记党内职务（一个党组织只能有一名现任书记）', body: PositionCreateBody, response: responses({ 201: PartyPositionView }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await positionView(actor, await svc.createPosition(ctx, actor, req.body)));
  });

  app.patch('/api/contacts/positions/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '修改任职信息或填写离任时间（带回 updatedAt）', params: IdParams, body: PositionUpdateBody, response: responses({ 200: PartyPositionView }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updatePosition(ctx, actor, req.params.id, req.body);
    return positionView(actor, req.params.id);
  });

  app.delete('/api/contacts/positions/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '删除误登记的任职记录（已离任的请填写离任时间）', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.deletePosition(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  // ——— 村干部名册 ———
  app.get('/api/contacts/officials', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '村干部名册（管辖范围内；默认只列在任，手机号码脱敏）', querystring: OfficialListQuery, response: responses({ 200: OfficialList }) },
  }, async (req) => svc.listOfficials(ctx, requireActor(req), req.query));

  app.get('/api/contacts/officials/:id', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '村干部详情', params: IdParams, response: responses({ 200: VillageOfficialView }) },
  }, async (req) => officialView(requireActor(req), req.params.id));

  app.post('/api/contacts/officials', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '登记村干部', body: OfficialCreateBody, response: responses({ 201: VillageOfficialView }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await officialView(actor, await svc.createOfficial(ctx, actor, req.body)));
  });

  app.patch('/api/contacts/officials/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '修改村干部信息（带回 updatedAt）', params: IdParams, body: OfficialUpdateBody, response: responses({ 200: VillageOfficialView }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updateOfficial(ctx, actor, req.params.id, req.body);
    return officialView(actor, req.params.id);
  });

  app.delete('/api/contacts/officials/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '删除误登记的村干部（离任的请填写离任时间）', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.deleteOfficial(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/contacts/officials/:id/reveal', {
    config: { policy: 'member.reveal' },
    schema: { tags, summary: '查看村干部完整手机号码（按所在村党组织判断；记入审计日志）', params: IdParams, response: responses({ 200: RevealAnswer }) },
  }, async (req) => ({ phone: await svc.revealOfficialPhone(ctx, requireActor(req), req.params.id) }));

  // ——— 联系人分组 ———
  app.get('/api/contacts/groups', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '联系人分组（管辖范围内）', querystring: GroupListQuery, response: responses({ 200: GroupList }) },
  }, async (req) => svc.listGroups(ctx, requireActor(req), req.query));

  app.get('/api/contacts/groups/:id', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '分组详情', params: IdParams, response: responses({ 200: ContactGroupView }) },
  }, async (req) => svc.presentGroup(await svc.loadGroup(ctx, requireActor(req), req.params.id, 'contact.read')));

  app.post('/api/contacts/groups', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '新建联系人分组', body: GroupCreateBody, response: responses({ 201: ContactGroupView }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.createGroup(ctx, actor, req.body);
    return reply.status(201).send(svc.presentGroup(await svc.loadGroup(ctx, actor, id, 'contact.read')));
  });

  app.patch('/api/contacts/groups/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '修改分组名称或说明（带回 updatedAt）', params: IdParams, body: GroupUpdateBody, response: responses({ 200: ContactGroupView }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updateGroup(ctx, actor, req.params.id, req.body);
    return svc.presentGroup(await svc.loadGroup(ctx, actor, req.params.id, 'contact.read'));
  });

  app.delete('/api/contacts/groups/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '删除联系人分组', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.deleteGroup(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/contacts/groups/:id/entries', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '分组成员（手机号码脱敏，标出已退订）', params: IdParams, querystring: GroupEntryListQuery, response: responses({ 200: GroupEntryList }) },
  }, async (req) => svc.listEntries(ctx, requireActor(req), req.params.id, req.query));

  app.post('/api/contacts/groups/:id/entries', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '加入分组：党员、村干部，或名册外人员（姓名和手机号码）', params: IdParams, body: GroupEntryBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send({ id: await svc.addEntry(ctx, requireActor(req), req.params.id, req.body) }));

  app.delete('/api/contacts/groups/:id/entries/:entryId', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '移出分组', params: GroupEntryParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.removeEntry(ctx, requireActor(req), req.params.id, req.params.entryId);
    return reply.status(204).send(null);
  });

  app.post('/api/contacts/groups/:id/entries/:entryId/reveal', {
    config: { policy: 'member.reveal' },
    schema: { tags, summary: '查看分组成员完整手机号码（按其所属党组织判断；记入审计日志）', params: GroupEntryParams, response: responses({ 200: RevealAnswer }) },
  }, async (req) => ({ phone: await svc.revealEntryPhone(ctx, requireActor(req), req.params.id, req.params.entryId) }));

  // ——— 选择联系人、退订 ———
  app.get('/api/contacts/people', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: '按姓名查找党员和在任村干部（选择联系人时用；标出已退订）', querystring: PeopleQuery, response: responses({ 200: PeopleList }) },
  }, async (req) => svc.searchPeople(ctx, requireActor(req), req.query));

  app.post('/api/contacts/optouts', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: '为联系人设置或取消短信退订（须填写原因；记入审计日志）', body: OptOutBody, response: responses({ 200: OptOutAnswer }) },
  }, async (req) => svc.setOptOutByStaff(ctx, requireActor(req), req.body));
};
