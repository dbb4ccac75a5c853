/** 跟踪督办 (F-22): the console's routes over the follow-up engine (docs/followups.md). */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { requestLanguage } from '../../platform/language.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { closeItem, passItem } from './followups.commands.js';
import {
  AssignBody, AssigneeList, AttachmentCreated, AttachmentParams, AttachmentUploadQuery, CloseBody, FollowupDetail, FollowupList, FollowupListQuery, IdParams,
  NoteBody, PassBody, Progress, ProgressQuery, SourceList,
} from './followups.schema.js';
import * as svc from './followups.service.js';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
/** A little above the 10 MB limit, so that a slightly larger file gets the service's field error rather than a bare 413. */
const UPLOAD_BODY_LIMIT = svc.MAX_ATTACHMENT_BYTES + 1024 * 1024;

export const followupRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['followups'];

  app.get('/api/followups', {
    config: { policy: 'followup.read' },
    schema: {
      tags, summary: '跟踪督办事项列表（管辖范围内，新的在前）：按状态、已逾期、已升级督办、来源、组织（含下级）、我负责的、我关注的、标题关键词筛选',
      querystring: FollowupListQuery, response: responses({ 200: FollowupList }),
    },
  }, async (req) => svc.listItems(ctx, requireActor(req), req.query, requestLanguage(req)));

  app.get('/api/followups/sources', {
    config: { policy: 'followup.read' },
    schema: { tags, summary: '事项来源（已登记的来源及其名称，供筛选）', response: responses({ 200: SourceList }) },
  }, async (req) => svc.listSources(requestLanguage(req)));

  app.get('/api/followups/progress', {
    config: { policy: 'followup.read' },
    schema: {
      tags, summary: '办理进度：某组织（默认为管辖范围的顶层）各直属下级组织（各含其全部下级）及本级的事项数：办理中、已解决、已说明、已逾期、已升级督办，另列合计',
      querystring: ProgressQuery, response: responses({ 200: Progress }),
    },
  }, async (req) => svc.progress(ctx, requireActor(req), req.query.parentId));

  app.get('/api/followups/:id', {
    config: { policy: 'followup.read' },
    schema: { tags, summary: '跟踪督办事项详情：转办记录、备注、附件、关注人、升级督办和办理过程', params: IdParams, response: responses({ 200: FollowupDetail }) },
  }, async (req) => svc.itemDetail(ctx, requireActor(req), req.params.id, requestLanguage(req)));

  app.get('/api/followups/:id/assignees', {
    config: { policy: 'followup.write' },
    schema: { tags, summary: '可指派的承办人：对承办组织有督办办理权限的工作人员（本级在前）', params: IdParams, response: responses({ 200: AssigneeList }) },
  }, async (req) => svc.assigneeOptions(ctx, requireActor(req), req.params.id));

  app.post('/api/followups/:id/pass', {
    config: { policy: 'followup.write' },
    schema: { tags, summary: '转办给承办组织的直属下级组织，或退回其上级组织（须填写理由；办理期限不变，承办人清空）', params: IdParams, body: PassBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await passItem(ctx, requireActor(req), req.params.id, req.body);
    return reply.status(204).send(null);
  });

  app.post('/api/followups/:id/close', {
    config: { policy: 'followup.write' },
    schema: { tags, summary: '办结：已解决或已说明（须填写办理情况；办结后不能再转办或办结）', params: IdParams, body: CloseBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await closeItem(ctx, requireActor(req), req.params.id, req.body);
    return reply.status(204).send(null);
  });

  app.post('/api/followups/:id/notes', {
    config: { policy: 'followup.write' },
    schema: { tags, summary: '添加办理备注（不超过2000字；办结后不能添加）', params: IdParams, body: NoteBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.addNote(ctx, requireActor(req), req.params.id, req.body);
    return reply.status(204).send(null);
  });

  app.post('/api/followups/:id/assign', {
    config: { policy: 'followup.write' },
    schema: { tags, summary: '指派承办人（accountId 为 null 时取消指派）', params: IdParams, body: AssignBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.assignItem(ctx, requireActor(req), req.params.id, req.body);
    return reply.status(204).send(null);
  });

  app.post('/api/followups/:id/watch', {
    config: { policy: 'followup.read' },
    schema: { tags, summary: '关注事项（列入“我关注的”）', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.setWatching(ctx, requireActor(req), req.params.id, true);
    return reply.status(204).send(null);
  });

  app.delete('/api/followups/:id/watch', {
    config: { policy: 'followup.read' },
    schema: { tags, summary: '取消关注', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.setWatching(ctx, requireActor(req), req.params.id, false);
    return reply.status(204).send(null);
  });

  app.get('/api/followups/:id/attachments/:attachmentId', {
    config: { policy: 'followup.read' },
    schema: { tags, summary: '下载附件', params: AttachmentParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = await svc.readAttachment(ctx, requireActor(req), req.params.id, req.params.attachmentId);
    return reply.type(f.contentType).header('content-disposition', attachment(f.fileName)).send(f.data);
  });

  app.delete('/api/followups/:id/attachments/:attachmentId', {
    config: { policy: 'followup.write' },
    schema: { tags, summary: '删除附件（仅上传人，事项办结前）', params: AttachmentParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.deleteAttachment(ctx, requireActor(req), req.params.id, req.params.attachmentId);
    return reply.status(204).send(null);
  });

  // The upload is the raw request body, as for the Excel engine's imports (no multipart plugin): its own
  // encapsulated context, so that only this route takes bodies of any content type.
  await app.register(async (plain) => {
    const up = plain.withTypeProvider<TypeBoxTypeProvider>();
    up.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_req, body, done) => done(null, body));
    up.post('/api/followups/:id/attachments', {
      config: { policy: 'followup.write' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags, summary: '上传附件（请求体为文件本身，文件名在 fileName 中）',
        description: '不超过10 MB，每个事项最多10个；只接受 PDF、JPG、PNG、Word（.docx）、Excel（.xlsx），按文件内容判断，扩展名须与内容一致。',
        params: IdParams, querystring: AttachmentUploadQuery, response: responses({ 201: AttachmentCreated }),
      },
    }, async (req, reply) => reply.status(201).send(await svc.addAttachment(ctx, requireActor(req), req.params.id, req.query.fileName, req.body)));
  });
};
