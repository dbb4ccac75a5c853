/**
 * 虚拟手机 (issue 9, item 3): the handsets of the embedded SMSC simulator, for demonstrations only. Staff see which
 * phones received messages, read a phone's inbox as its owner would, and reply as that phone; the reply goes over
 * real SMPP to the platform like any carrier's incoming message (sms.inbound.ts stores and matches it).
 *
 * Only in demo mode (DEMO_DATA, never in production) with the embedded simulator running, and only to accounts
 * holding sms.send: everyone else gets 404, as if the routes did not exist. A phone is named by the blind index of
 * its number, so full numbers never travel in URLs or logs. Which phones an account sees follows the module's
 * rules: a member's phone only within the account's sms.send scope, a number no person has only to province staff
 * (as the unmatched inbox). The number is shown in full where the one reveal rule (platform/reveal.ts) allows it
 * for the member's home organization, and for a number no person has (staff typed it); masked otherwise.
 *
 * Nothing here is audited: the simulator plays the outside world, its handsets belong to no real person, and the
 * data is demo data that production never holds. A reply is audited nowhere either, for the same reason; what it
 * causes on the platform (an incoming message, an opt-out) is recorded there as for any carrier's message.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { scopePaths, type Actor } from '../../platform/actor.js';
import { mayReveal } from '../../platform/reveal.js';
import { AppError, notFound } from '../../platform/errors.js';
import { MultilineText, Nullable } from '../../platform/schemas.js';
import type { Smsc } from '../../smsc/smsc.js';
import { embeddedSmsc } from './sms.link.js';
import { maskPhone } from './sms.phones.js';
import { provinceStaffRoot } from './sms.inbox.js';

const PhoneKey = Type.Object({ key: Type.String({ pattern: '^[A-Za-z0-9_-]{20,64}$', description: 'the phone, as the blind index of its number' }) });

export const SimPhone = Type.Object({
  key: Type.String(),
  phone: Type.String({ description: 'in full where the reveal rule allows it, masked otherwise' }),
  masked: Type.String(),
  personName: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  received: Type.Integer({ description: 'whole messages received' }),
  lastText: Nullable(Type.String()),
  lastAt: Nullable(Type.String()),
});
export const SimPhoneList = Type.Object({ items: Type.Array(SimPhone) });
export const SimInbox = Type.Object({
  phone: SimPhone,
  items: Type.Array(Type.Object({ from: Type.String(), text: Type.String(), parts: Type.Integer(), at: Type.String() }), { description: 'received, newest first' }),
  sent: Type.Array(Type.Object({ text: Type.String(), at: Type.String() }), { description: 'what the platform stored from this phone, newest first' }),
});
export const SimReplyBody = Type.Object({ text: MultilineText({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const SimReplied = Type.Object({ to: Type.String({ description: 'the service number written to' }), parts: Type.Integer() });

const REPLY_TIMEOUT_MS = 10_000;

interface Visible {
  key: string;
  number: string;
  phone: string;
  masked: string;
  personName: string | null;
  orgName: string | null;
}

/** The simulator, when this instance runs one in demo mode for an account that may send; 404 otherwise. */
function simulatorFor(ctx: AppContext, actor: Actor): Smsc {
  const smsc = embeddedSmsc();
  if (!ctx.config.demoData || !smsc || scopePaths(actor, 'sms.send').length === 0) throw new AppError(404, 'not_found', '页面不存在');
  return smsc;
}

/** The simulator's phones this actor may see, with the person each belongs to (a member on the rolls). */
async function visiblePhones(ctx: AppContext, actor: Actor, smsc: Smsc): Promise<Visible[]> {
  const numbers = smsc.phones();
  if (numbers.length === 0) return [];
  const keyed = numbers.map((n) => ({ number: n, key: ctx.crypto.blindIndex('mobile', n) }));
  const people = await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.mobile_bidx', 'm.name', 'o.name as org_name', 'o.path'])
    .where('m.mobile_bidx', 'in', keyed.map((k) => k.key)).where('m.departed_on', 'is', null).execute();
  const byKey = new Map(people.map((p) => [p.mobile_bidx!, p]));
  const scope = scopePaths(actor, 'sms.send');
  const provinceStaff = !!(await provinceStaffRoot(ctx.db, actor, 'sms.send'));
  const out: Visible[] = [];
  for (const { number, key } of keyed) {
    const p = byKey.get(key);
    const masked = maskPhone(number);
    if (p) {
      if (!scope.some((s) => p.path.startsWith(s))) continue;
      out.push({ key, number, masked, phone: mayReveal(actor, p.path) ? number : masked, personName: p.name, orgName: p.org_name });
    } else if (provinceStaff) {
      out.push({ key, number, masked, phone: number, personName: null, orgName: null });
    }
  }
  return out;
}

function present(smsc: Smsc, v: Visible) {
  const box = smsc.inbox(v.number);
  const last = box.at(-1);
  return {
    key: v.key, phone: v.phone, masked: v.masked, personName: v.personName, orgName: v.orgName,
    received: smsc.received(v.number), lastText: last?.text ?? null, lastAt: last ? last.at.toISOString() : null,
  };
}

async function findPhone(ctx: AppContext, actor: Actor, smsc: Smsc, key: string): Promise<Visible> {
  const v = (await visiblePhones(ctx, actor, smsc)).find((p) => p.key === key);
  if (!v) throw notFound('虚拟手机');
  return v;
}

/** The number phones write to: the service number that last wrote to this phone, or the simulator's own. */
function serviceNumber(smsc: Smsc, number: string): string {
  const last = smsc.inbox(number).at(-1);
  if (last) return last.from;
  return new URL(smsc.url).searchParams.get('source') ?? '106900001';
}

export const smsSimulatorRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['sms'];
  // 'authenticated': the permission is checked inside, so that an account without sms.send gets 404, not 403.
  app.get('/api/sms/simulator/phones', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '虚拟手机（仅演示环境）：收到过短信的手机，最近收到的在前', response: responses({ 200: SimPhoneList }) },
  }, async (req) => {
    const actor = requireActor(req);
    const smsc = simulatorFor(ctx, actor);
    const items = (await visiblePhones(ctx, actor, smsc)).map((v) => present(smsc, v));
    items.sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? '') || a.masked.localeCompare(b.masked));
    return { items };
  });

  app.get('/api/sms/simulator/phones/:key', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '虚拟手机（仅演示环境）：一部手机收到的短信，新的在前', params: PhoneKey, response: responses({ 200: SimInbox }) },
  }, async (req) => {
    const actor = requireActor(req);
    const smsc = simulatorFor(ctx, actor);
    const v = await findPhone(ctx, actor, smsc, req.params.key);
    const items = smsc.inbox(v.number).reverse().map((m) => ({ from: m.from, text: m.text, parts: m.parts, at: m.at.toISOString() }));
    // What this phone wrote, as the platform stored it (the key is the blind index the incoming rows carry).
    const sent = await ctx.db.selectFrom('sms_inbound').select(['text', 'received_at']).where('phone_bidx', '=', v.key).orderBy('id', 'desc').limit(200).execute();
    return { phone: present(smsc, v), items, sent: sent.map((r) => ({ text: r.text, at: r.received_at.toISOString() })) };
  });

  app.post('/api/sms/simulator/phones/:key/reply', {
    config: { policy: 'authenticated' },
    schema: {
      tags,
      summary: '虚拟手机（仅演示环境）：以这部手机的身份回复短信；平台收到并保存后返回',
      params: PhoneKey, body: SimReplyBody, response: responses({ 200: SimReplied }),
    },
  }, async (req) => {
    const actor = requireActor(req);
    const smsc = simulatorFor(ctx, actor);
    const v = await findPhone(ctx, actor, smsc, req.params.key);
    const to = serviceNumber(smsc, v.number);
    // Resolves once the platform acknowledged every part, which it does only after storing the message.
    // A bound link answers in milliseconds; without one (the dispatcher stopped) say so instead of hanging.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError(503, 'sms.simulator_unavailable', '短信平台暂未连接模拟短信中心，请稍后重试')), REPLY_TIMEOUT_MS);
    });
    try {
      const sent = await Promise.race([smsc.reply(v.number, to, req.body.text), timeout]);
      return { to, parts: sent.ids.length };
    } finally {
      clearTimeout(timer);
    }
  });
};
