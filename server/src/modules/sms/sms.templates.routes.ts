/** 短信模板 (issue 9, item 4): the library of saved texts broadcasts are composed from (sms.templates.ts). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { IdParams } from '../../platform/schemas.js';
import { SmsTemplateView, TemplateCreateBody, TemplateList, TemplateListQuery, TemplateUpdateBody } from './sms.templates.schema.js';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './sms.templates.js';

export const smsTemplateRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['sms'];

  app.get('/api/sms/templates', {
    config: { policy: 'sms.read' },
    schema: {
      tags,
      summary: '短信模板（新的在前）：本单位及其上级组织的模板，上级的只读；orgId：从该组织（须在管辖范围内）看到的模板；q：按名称筛选',
      querystring: TemplateListQuery,
      response: responses({ 200: TemplateList }),
    },
  }, async (req) => listTemplates(ctx, requireActor(req), req.query));

  app.post('/api/sms/templates', {
    config: { policy: 'sms.send' },
    schema: { tags, summary: '新建短信模板（可用变量{姓名}、{组织}；同一组织内名称不能重复）', body: TemplateCreateBody, response: responses({ 201: SmsTemplateView }) },
  }, async (req, reply) => reply.status(201).send(await createTemplate(ctx, requireActor(req), req.body)));

  app.put('/api/sms/templates/:id', {
    config: { policy: 'sms.send' },
    schema: { tags, summary: '修改短信模板的名称和内容（带回 updatedAt；上级组织的模板不能修改）', params: IdParams, body: TemplateUpdateBody, response: responses({ 200: SmsTemplateView }) },
  }, async (req) => updateTemplate(ctx, requireActor(req), req.params.id, req.body));

  app.delete('/api/sms/templates/:id', {
    config: { policy: 'sms.send' },
    schema: { tags, summary: '删除短信模板（已发送的群发短信不受影响）', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await deleteTemplate(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });
};
