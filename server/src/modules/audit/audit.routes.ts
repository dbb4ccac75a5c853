/** /api/audit: search and verify the audit trail (audit administrator only). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { nextCursor } from '../../platform/paging.js';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { Cursor, Nullable, StringEnum } from '../../platform/schemas.js';
import type { ChainProblem } from '../../platform/audit.js';
import { installedModules } from '../../platform/module.js';
import { searchAudit } from './audit.repository.js';

const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  entityType: Type.Optional(Type.String({ maxLength: 32 })),
  entityId: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

const AuditItem = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  orgPath: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

const ChainReport = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: '校验通过的链位置数' }),
  firstBrokenId: Nullable(Type.String({ description: '首个问题处的审计记录编号' })),
  firstBrokenSeq: Nullable(Type.String({ description: '首个问题处的链位置' })),
  problem: Nullable(StringEnum(['edited', 'relinked', 'gap', 'row_missing', 'anchor_mismatch', 'truncated', 'unchained', 'anchor_unreadable'] satisfies ChainProblem[])),
  reason: Nullable(Type.String()),
  anchors: Type.Object({ checked: Type.Integer(), latestSeq: Nullable(Type.String()), latestAt: Nullable(Type.String()) }),
  unchained: Type.Integer(),
});

const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const AuditLabels = Type.Object({
  actions: Type.Record(Type.String(), Label, { description: '审计操作的中英文名称（来自各模块的清单）' }),
  entityTypes: Type.Record(Type.String(), Label, { description: '审计对象类型的中英文名称' }),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['audit'];

  app.get('/api/audit', {
    config: { policy: 'audit.read' },
    schema: { tags, summary: '查询审计日志（新的在前）', querystring: AuditQuery, response: responses({ 200: Type.Object({ items: Type.Array(AuditItem), nextCursor: Nullable(Type.String()) }) }) },
  }, async (req) => {
    const limit = req.query.limit ?? 50;
    const rows = await searchAudit(ctx.db, requireActor(req), { ...req.query, limit });
    return {
      items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id, orgPath: r.org_path, ip: r.ip, before: r.before, after: r.after })),
      nextCursor: nextCursor(rows, limit),
    };
  });

  // The names the audit screen shows come from the modules' manifests, so a module's new action is named
  // where it is declared; both languages at once, so the console switches language without asking again.
  app.get('/api/audit/labels', {
    config: { policy: 'audit.read' },
    schema: { tags, summary: '审计操作与对象类型的名称', response: responses({ 200: AuditLabels }) },
  }, async () => {
    const { auditActions, entityTypes } = installedModules();
    const plain = (m: ReadonlyMap<string, { zh: string; en: string }>) => Object.fromEntries([...m].map(([k, { zh, en }]) => [k, { zh, en }]));
    return { actions: plain(auditActions), entityTypes: plain(entityTypes) };
  });

  app.post('/api/audit/verify', {
    config: { policy: 'audit.read' },
    schema: { tags, summary: '校验审计日志哈希链（含库外锚点）', response: responses({ 200: ChainReport }) },
  }, async () => ctx.audit.verify());
};
