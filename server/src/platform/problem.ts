/** The problem+json schema and the one error handler that renders every failure with it. */
import { Type, type Static } from 'typebox';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.js';
import { problemTitle, requestLanguage, type Lang } from './language.js';

const PROBLEM_DESCRIPTION = 'application/problem+json (RFC 9457) with a stable code and a title in the language Accept-Language prefers (Chinese unless English ranks higher)';
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: PROBLEM_DESCRIPTION },
);
export type ProblemBody = Static<typeof Problem>;

const ProblemRef = Type.Ref('Problem');
/** Declared under its real media type: Fastify serializes an answer sent as application/problem+json with it. */
const ProblemResponse = { description: PROBLEM_DESCRIPTION, content: { 'application/problem+json': { schema: ProblemRef } } };

/**
 * Adds the error responses every route can give to a route's success responses: any 4xx or 5xx status, always
 * a problem+json body (the OpenAPI document says so once per route, as 4XX and 5XX). A success shape published under
 * an `$id` (modules/index.ts) is referred to rather than copied, so the OpenAPI document names it once.
 */
export function responses<T extends Record<number, unknown>>(ok: T) {
  const success = Object.fromEntries(Object.entries(ok).map(([status, schema]) => {
    const id = (schema as { $id?: unknown } | null)?.$id;
    return [status, typeof id === 'string' ? Type.Ref(id) : schema];
  })) as T;
  // Typed as the bare schema: the type provider reads reply types from schemas, not from media-type maps.
  return { ...success, '4xx': ProblemResponse, '5xx': ProblemResponse } as unknown as T & { '4xx': typeof ProblemRef; '5xx': typeof ProblemRef };
}

const AJV_MESSAGES: Record<string, (p: Record<string, unknown>) => string> = {
  required: () => '此项为必填项',
  minLength: (p) => (p.limit === 1 ? '此项不能为空' : `长度不能少于${p.limit}个字符`),
  maxLength: (p) => `长度不能超过${p.limit}个字符`,
  pattern: () => '格式不正确',
  format: () => '格式不正确',
  enum: () => '取值不在允许的范围内',
  const: () => '取值不在允许的范围内',
  anyOf: () => '取值不在允许的范围内',
  type: () => '类型不正确',
  minimum: (p) => `不能小于${p.limit}`,
  maximum: (p) => `不能大于${p.limit}`,
  additionalProperties: (p) => `不允许的字段：${String(p.additionalProperty)}`,
  // platform/input.ts: the keyword says what is wrong
  'x-text': (p) => String(p.message),
  'x-date': (p) => String(p.message),
};

const AJV_MESSAGES_EN: Record<string, (p: Record<string, unknown>) => string> = {
  required: () => 'This is required',
  minLength: (p) => (p.limit === 1 ? 'This cannot be empty' : `At least ${p.limit} characters`),
  maxLength: (p) => `At most ${p.limit} characters`,
  pattern: () => 'Not in the right format',
  format: () => 'Not in the right format',
  enum: () => 'Not one of the allowed values',
  const: () => 'Not one of the allowed values',
  anyOf: () => 'Not one of the allowed values',
  type: () => 'Of the wrong type',
  minimum: (p) => `At least ${p.limit}`,
  maximum: (p) => `At most ${p.limit}`,
  additionalProperties: (p) => `Field not allowed: ${String(p.additionalProperty)}`,
};

/** Union keywords: for a nullable field whose string branch failed, the null branch's "type" and the "anyOf" say nothing more. */
const UNION_NOISE = new Set(['type', 'anyOf', 'const']);

function validationErrors(err: FastifyError, lang: Lang): FieldError[] {
  const all = (err.validation ?? []).map((v) => {
    const params = (v.params ?? {}) as Record<string, unknown>;
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = v.keyword === 'required' ? [base, String(params.missingProperty)].filter(Boolean).join('.') : base || String(err.validationContext ?? '');
    const message = (lang === 'en' && AJV_MESSAGES_EN[v.keyword]?.(params)) || AJV_MESSAGES[v.keyword]?.(params) || '格式不正确';
    return { field, message, keyword: v.keyword };
  });
  const specific = new Set(all.filter((e) => !UNION_NOISE.has(e.keyword)).map((e) => e.field));
  const seen = new Set<string>();
  return all
    .filter((e) => !(UNION_NOISE.has(e.keyword) && specific.has(e.field)))
    .filter((e) => !seen.has(`${e.field}\u0000${e.message}`) && seen.add(`${e.field}\u0000${e.message}`))
    .map(({ field, message }) => ({ field, message }));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let body: ProblemBody;
    const lang = requestLanguage(req);
    if (err instanceof AppError) {
      body = { type: 'about:blank', title: err.title, status: err.status, code: err.code, detail: err.detail, errors: err.errors };
      if (err.headers) reply.headers(err.headers);
    } else if (err.validation) {
      body = { type: 'about:blank', title: '提交的信息有误，请按提示修改', status: 400, code: 'validation_failed', errors: validationErrors(err, lang) };
    } else if (err.statusCode === 429) {
      body = { type: 'about:blank', title: '操作过于频繁，请稍后再试', status: 429, code: 'rate_limited' };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      body = { type: 'about:blank', title: '请求无法处理，请检查后重试', status: err.statusCode, code: err.code ? `http.${err.code}` : 'bad_request', detail: err.message };
    } else {
      req.log.error({ err }, 'unhandled error');
      body = { type: 'about:blank', title: '系统繁忙，请稍后再试', status: 500, code: 'internal' };
    }
    body.title = problemTitle(body.code, body.title, lang);
    return reply.status(body.status).header('vary', 'Accept-Language').type('application/problem+json; charset=utf-8').send(body);
  });
}

/**
 * Fastify's `frameworkErrors`: URLs the router cannot take (bad percent-encoding, a path parameter beyond
 * maxParamLength) answer problem+json like everything else, not Fastify's own JSON.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body: ProblemBody = tooLong
    ? { type: 'about:blank', title: '请求地址过长', status: 414, code: 'http.uri_too_long' }
    : { type: 'about:blank', title: '请求地址格式不正确', status: 400, code: 'http.bad_url' };
  body.title = problemTitle(body.code, body.title, requestLanguage(req));
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before Fastify sees them (headers or
 * URL beyond the maximum header size, malformed requests, timeouts) get a problem+json answer written to
 * the socket, which is then closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, title] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'http.header_too_large', '请求地址或请求头过长']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', 'http.timeout', '请求超时，请重试']
    : [400, 'Bad Request', 'http.bad_request', '请求格式不正确'];
  const body = JSON.stringify({ type: 'about:blank', title, status, code } satisfies ProblemBody);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

export function sendNotFound(reply: import('fastify').FastifyReply) {
  const body: ProblemBody = { type: 'about:blank', title: problemTitle('not_found.route', '请求的接口不存在', requestLanguage(reply.request)), status: 404, code: 'not_found' };
  return reply.status(404).type('application/problem+json; charset=utf-8').send(body);
}
