/** 短信模板 (issue 9, item 4): request and response shapes of /api/sms/templates (sms.templates.ts). */
import { Type, type Static } from 'typebox';
import { Cursor, IdString, MultilineText, Nullable, ref } from '../../platform/schemas.js';

export const TEMPLATE_NAME_MAX = 30;

export const SmsTemplateView = Type.Object({
  id: Type.String(),
  orgId: Type.String({ description: 'the organization the template belongs to' }),
  orgName: Type.String(),
  name: Type.String(),
  text: Type.String({ description: 'as saved (may use {姓名} and {组织}); the signature is added when a broadcast is sent' }),
  editable: Type.Boolean({ description: 'the caller may change or delete it (sms.send over its organization); false for an ancestor organization’s template' }),
  updatedByName: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String({ description: 'send it back with a change: a change made by someone else in between is refused (409)' }),
}, { $id: 'SmsTemplate' });
export type SmsTemplateViewT = Static<typeof SmsTemplateView>;

export const TemplateList = Type.Object({ items: Type.Array(ref(SmsTemplateView)), nextCursor: Nullable(Type.String()) });
export const TemplateListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ maxLength: 30, description: 'part of the name' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type TemplateListQueryInput = Static<typeof TemplateListQuery>;

// Empty names and texts, too long a text (counted in segments with the signature) and unknown variables are
// refused by the service with messages that say what to do; the schema only bounds the sizes.
const name = Type.String({ maxLength: TEMPLATE_NAME_MAX, description: 'unique within the organization' });
const text = MultilineText({ maxLength: 1000, description: 'may use {姓名} and {组织}; at most 10 segments with the signature' });
export const TemplateCreateBody = Type.Object({
  orgId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'the owner organization (default: the top of your sms.send scope)' })),
  name,
  text,
}, { additionalProperties: false });
export type TemplateCreateInput = Static<typeof TemplateCreateBody>;
export const TemplateUpdateBody = Type.Object({
  name,
  text,
  updatedAt: Type.String({ minLength: 1, maxLength: 40, description: 'the updatedAt the change was made from' }),
}, { additionalProperties: false });
export type TemplateUpdateInput = Static<typeof TemplateUpdateBody>;
