/**
 * The rules every request string and date obeys (platform/schemas.ts says which), applied to every route
 * of this and every future module without the module doing anything:
 *
 * - `ajvInputKeywords` teaches the validator `x-text` (trim, then refuse control and bidirectional-control
 *   characters; runs before minLength/maxLength/pattern) and `x-date` (a real calendar day within a range).
 * - `inputPlugin` marks every string of every route's params, query and body as single-line text unless its
 *   schema says otherwise, and bounds numbers that declare no bounds.
 * Failures are ordinary validation errors: 400 problem+json `validation_failed` with a Chinese message per field.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Ajv, SchemaValidateFunction } from 'ajv';
import { chineseDate, isRealDate } from './china-time.js';
import { DATE_KEYWORD, TEXT_KEYWORD, textProblem, type DateRule, type TextMode } from './schemas.js';

const cnDate = chineseDate;

/** Ajv plugin (Fastify's `ajv.plugins`): the `x-text` and `x-date` keywords. */
export function ajvInputKeywords(ajv: Ajv): Ajv {
  const text: SchemaValidateFunction = function validate(mode: TextMode, data: unknown, _parent, cxt) {
    if (typeof data !== 'string') return true;
    let value = data;
    if (mode !== 'secret') {
      value = data.trim();
      if (value !== data && cxt?.parentData && cxt.parentDataProperty !== undefined) {
        (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = value;
      }
    }
    const problem = textProblem(value, mode);
    if (!problem) return true;
    text.errors = [{ keyword: TEXT_KEYWORD, message: problem, params: { message: problem } }];
    return false;
  };
  ajv.addKeyword({
    keyword: TEXT_KEYWORD, type: 'string', schemaType: 'string', modifying: true, errors: true,
    // Before maxLength/minLength/pattern: they see the trimmed value.
    before: 'maxLength',
    validate: text,
  });

  const date: SchemaValidateFunction = function validate(rule: DateRule, data: unknown) {
    if (typeof data !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data)) return true; // the pattern reports the shape
    let problem: string | null = null;
    if (!isRealDate(data)) problem = '不是有效日期';
    else if (data < rule.min) problem = `不能早于${cnDate(rule.min)}`;
    else if (data > rule.max) problem = `不能晚于${cnDate(rule.max)}`;
    if (!problem) return true;
    date.errors = [{ keyword: DATE_KEYWORD, message: problem, params: { message: problem } }];
    return false;
  };
  ajv.addKeyword({ keyword: DATE_KEYWORD, type: 'string', schemaType: 'object', errors: true, validate: date });
  return ajv;
}

const SUBSCHEMA = new Set(['items', 'anyOf', 'oneOf', 'allOf', 'not', 'additionalProperties', 'prefixItems', 'contains', 'if', 'then', 'else']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);

const isStringType = (t: unknown) => t === 'string' || (Array.isArray(t) && t.includes('string'));
const isNumberType = (t: unknown) => t === 'integer' || t === 'number' || (Array.isArray(t) && (t.includes('integer') || t.includes('number')));
const INT4_MAX = 2_147_483_647;

/**
 * A copy of a request schema in which every string without a text mode becomes single-line text and every
 * number without bounds is bounded to the int4 range.
 */
export function withInputRules(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withInputRules);
  if (!schema || typeof schema !== 'object') return schema;
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, withInputRules(s)]));
    else if (SUBSCHEMA.has(k)) out[k] = withInputRules(v);
    else out[k] = v;
  }
  if (isStringType(src.type) && out[TEXT_KEYWORD] === undefined) out[TEXT_KEYWORD] = 'line';
  // A number without bounds would reach SQL as 1e308 and fail there: bound it to what an int4 column holds.
  if (isNumberType(src.type)) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT4_MAX;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -INT4_MAX - 1;
  }
  return out;
}

const REQUEST_PARTS = ['params', 'querystring', 'query', 'body'] as const;

export const inputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (!route.schema) return;
    const schema = { ...route.schema } as Record<string, unknown>;
    for (const part of REQUEST_PARTS) if (schema[part]) schema[part] = withInputRules(schema[part]);
    route.schema = schema;
  });

});
