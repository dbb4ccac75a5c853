/**
 * Every API endpoint, three ways: 401 without a session, 403 for an actor outside its scope or
 * without the permission, and success for the right actor. The last test fails when a route is
 * added without a row here, so new endpoints cannot skip the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';
import { chinaToday } from '../src/platform/china-time.js';
import { openItem } from '../src/modules/followups/followups.commands.js';
import { registerModerationKind, submitModeration } from '../src/modules/safety/safety.moderation.js';
import { submitLetter } from '../src/modules/mailbox/mailbox.letters.js';
import { askQuestion } from '../src/modules/disclosures/disclosures.questions.js';
import { lodgeObjection } from '../src/modules/cadres/cadres.notices.js';

let t: TestApp;
let f: DemoFixtures;
const cookies: Record<string, string> = {};
// demo-member signs in afresh each time: the account cases below change its roles, which ends its sessions.
const as = async (user: string) => (user === 'demo-member' ? t.login(user) : (cookies[user] ??= await t.login(user)));

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
});
afterAll(async () => { await t?.close(); });

interface Case {
  method: string;
  route: string;
  /** Concrete URL and body for the success call (run as `ok.actor`). */
  ok: { actor: string; url: () => string | Promise<string>; body?: () => unknown; status?: number };
  /** The 403 call, or why none applies (routes on the caller's own account). */
  forbidden: { actor: string; url: () => string | Promise<string>; body?: () => unknown } | { none: string };
  public?: boolean;
}

let counter = 0;
const newBranch = (parentId: string) => ({ parentId, name: `测试党支部${++counter}`, fullName: `中共测试第${counter}党支部委员会`, type: 'branch', level: 'grassroots', sector: 'other' });
async function createBranchIn(parentId: string): Promise<string> {
  const res = await t.call('POST', '/api/orgs', { cookie: await as('demo-province'), body: newBranch(parentId) });
  return res.json().id;
}
const versionOf = async (url: string) => (await t.call('GET', url, { cookie: await as('demo-province') })).json().version;

const cases: Case[] = [
  { method: 'POST', route: '/api/auth/login', public: true, ok: { actor: '', url: () => '/api/auth/login', body: () => ({ username: 'demo-ningbo', password: 'Demo#2026' }) }, forbidden: { none: 'login is public' } },
  // Sign-in by SMS code: public; the success of a code sign-in (which needs the code sent) is in auth.sms.test.ts.
  { method: 'POST', route: '/api/auth/sms-code', public: true, ok: { actor: '', url: () => '/api/auth/sms-code', body: () => ({ phone: '13900007777' }), status: 202 }, forbidden: { none: 'sign-in is public' } },
  { method: 'POST', route: '/api/auth/sms-login', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'sign-in is public; success needs the code sent: auth.sms.test.ts' } },
  { method: 'POST', route: '/api/auth/mfa', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'own session; success needs a TOTP code: auth.test.ts' } },
  { method: 'POST', route: '/api/auth/logout', ok: { actor: 'fresh', url: () => '/api/auth/logout', status: 204 }, forbidden: { none: 'own session' } },
  { method: 'POST', route: '/api/auth/revoke-all', ok: { actor: 'fresh', url: () => '/api/auth/revoke-all', status: 204 }, forbidden: { none: 'own sessions' } },
  { method: 'GET', route: '/api/me', ok: { actor: 'demo-hangzhou', url: () => '/api/me' }, forbidden: { none: 'own account' } },
  { method: 'POST', route: '/api/me/password', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'own account; success in auth.test.ts' } },
  { method: 'POST', route: '/api/me/totp/setup', ok: { actor: 'demo-hangzhou', url: () => '/api/me/totp/setup' }, forbidden: { none: 'own account' } },
  { method: 'POST', route: '/api/me/totp/confirm', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'own account; success in auth.test.ts' } },
  { method: 'GET', route: '/api/me/sessions', ok: { actor: 'demo-hangzhou', url: () => '/api/me/sessions' }, forbidden: { none: 'own account' } },
  { method: 'GET', route: '/api/me/sms-messages', ok: { actor: 'demo-member', url: () => '/api/me/sms-messages' }, forbidden: { none: 'own messages' } },
  { method: 'GET', route: '/api/me/member', ok: { actor: 'demo-member', url: () => '/api/me/member' }, forbidden: { none: 'own record' } },
  // 远程教育 (issue 12): the credit rules (province only) and a member's own ledger.
  { method: 'GET', route: '/api/learning/rules', ok: { actor: 'demo-member', url: () => '/api/learning/rules' }, forbidden: { none: 'every signed-in account reads the rules' } },
  { method: 'PUT', route: '/api/learning/rules', ok: { actor: 'demo-province', url: () => '/api/learning/rules', body: async () => {
    const { updatedByName: _n, updatedAt: _a, ...rules } = (await t.call('GET', '/api/learning/rules', { cookie: await as('demo-province') })).json();
    return rules;
  } }, forbidden: { actor: 'demo-member', url: () => '/api/learning/rules', body: () => ({}) } },
  { method: 'GET', route: '/api/me/learning', ok: { actor: 'demo-member', url: () => '/api/me/learning' }, forbidden: { none: 'own ledger' } },
  // 远程教育 courses (console: Hangzhou's staff, not Ningbo's), the members' catalogue, watching, quizzes and reading.
  { method: 'GET', route: '/api/learning/topics', ok: { actor: 'demo-member', url: () => '/api/learning/topics' }, forbidden: { none: 'every signed-in account reads the topics' } },
  { method: 'POST', route: '/api/learning/topics', ok: { actor: 'demo-province', url: () => '/api/learning/topics', body: () => ({ name: `测试分类${++learningSeq}` }), status: 201 }, forbidden: { actor: 'demo-member', url: () => '/api/learning/topics', body: () => ({ name: '越权分类' }) } },
  { method: 'PUT', route: '/api/learning/topics/:id', ok: { actor: 'demo-province', url: async () => `/api/learning/topics/${await firstTopic()}`, body: () => ({ name: `理论学习${++learningSeq}` }) }, forbidden: { actor: 'demo-member', url: async () => `/api/learning/topics/${await firstTopic()}`, body: () => ({ name: '越权' }) } },
  { method: 'GET', route: '/api/learning/courses', ok: { actor: 'demo-hangzhou', url: () => '/api/learning/courses' }, forbidden: { actor: 'demo-member', url: () => '/api/learning/courses' } },
  { method: 'POST', route: '/api/learning/courses', ok: { actor: 'demo-hangzhou', url: () => '/api/learning/courses', body: async () => courseBody(f.hangzhou.id), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/learning/courses', body: async () => courseBody(f.hangzhou.id) } },
  { method: 'GET', route: '/api/learning/courses/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await hzCourse()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse()}` } },
  { method: 'PUT', route: '/api/learning/courses/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await hzCourse()}`, body: async () => ({ ...(await courseBody(f.hangzhou.id, false)), version: await versionOf(`/api/learning/courses/${await hzCourse()}`) }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse()}`, body: async () => ({ ...(await courseBody(f.hangzhou.id, false)), version: 1 }) } },
  { method: 'POST', route: '/api/learning/courses/:id/publish', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await hzCourse(true)}/publish` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse(true)}/publish` } },
  { method: 'POST', route: '/api/learning/courses/:id/withdraw', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await hzCourse(true, true)}/withdraw` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse(true, true)}/withdraw` } },
  { method: 'POST', route: '/api/learning/courses/:id/lessons', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await hzCourse()}/lessons`, body: () => VIDEO_LESSON, status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse()}/lessons`, body: () => VIDEO_LESSON } },
  { method: 'PUT', route: '/api/learning/courses/:id/lessons/order', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await orderCourse()}/lessons/order`, body: async () => ({ lessonIds: await lessonsOf(await orderCourse()) }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse(true)}/lessons/order`, body: async () => ({ lessonIds: await lessonsOf(await hzCourse(true)) }) } },
  { method: 'PUT', route: '/api/learning/lessons/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/lessons/${(await lessonsOf(await hzCourse(true)))[0]}`, body: () => VIDEO_LESSON }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/lessons/${(await lessonsOf(await hzCourse(true)))[0]}`, body: () => VIDEO_LESSON } },
  { method: 'DELETE', route: '/api/learning/lessons/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/lessons/${await newLesson(await hzCourse())}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/lessons/${await newLesson(await hzCourse())}` } },
  { method: 'POST', route: '/api/learning/courses/:id/files', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/courses/${await hzCourse()}/files?fileName=a.pdf`, body: () => PDF_FILE, status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/courses/${await hzCourse()}/files?fileName=a.pdf`, body: () => PDF_FILE } },
  { method: 'GET', route: '/api/learning/files/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/files/${await hzFile()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/files/${await hzFile()}` } },
  { method: 'GET', route: '/api/me/courses', ok: { actor: 'demo-member', url: () => '/api/me/courses' }, forbidden: { none: 'own catalogue' } },
  { method: 'GET', route: '/api/me/courses/:id', ok: { actor: 'demo-member', url: async () => `/api/me/courses/${(await memberCourse()).courseId}` }, forbidden: { none: 'own catalogue; another city’s course is 404 (learning.study.test.ts)' } },
  { method: 'GET', route: '/api/me/lessons/:id', ok: { actor: 'demo-member', url: async () => `/api/me/lessons/${(await memberCourse()).quiz}` }, forbidden: { none: 'own catalogue' } },
  { method: 'POST', route: '/api/learning/lessons/:id/start', ok: { actor: 'demo-member', url: async () => `/api/learning/lessons/${(await memberCourse()).video}/start` }, forbidden: { none: 'own study; staff accounts get 403 learning.not_member (learning.study.test.ts)' } },
  { method: 'POST', route: '/api/learning/heartbeats', ok: { actor: 'demo-member', url: () => '/api/learning/heartbeats', body: async () => ({ token: await studyToken(), position: 0, playing: true }) }, forbidden: { none: 'own stream (the token is the account’s)' } },
  { method: 'POST', route: '/api/learning/lessons/:id/quiz', ok: { actor: 'demo-member', url: async () => `/api/learning/lessons/${(await memberCourse()).quiz}/quiz`, body: () => ({ answers: [] }) }, forbidden: { none: 'own quiz' } },
  { method: 'POST', route: '/api/learning/lessons/:id/read', ok: { actor: 'demo-member', url: async () => `/api/learning/lessons/${(await memberCourse()).article}/read` }, forbidden: { none: 'own reading' } },
  { method: 'POST', route: '/api/learning/reading/heartbeat', ok: { actor: 'demo-member', url: () => '/api/learning/reading/heartbeat', body: async () => ({ token: await readingToken() }) }, forbidden: { none: 'own reading (the token is the account’s)' } },
  { method: 'GET', route: '/api/learning/reports/orgs/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/learning/reports/orgs/${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/learning/reports/orgs/${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/learning/reports/orgs/:id/members', ok: { actor: 'demo-hangzhou', url: () => `/api/learning/reports/orgs/${f.hzBranch}/members` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/learning/reports/orgs/${f.hzBranch}/members` } },
  { method: 'GET', route: '/api/learning/reports/members/:id/transcript', ok: { actor: 'demo-hangzhou', url: () => `/api/learning/reports/members/${f.hzMember}/transcript` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/learning/reports/members/${f.hzMember}/transcript` } },
  { method: 'POST', route: '/api/exports/learning-orgs.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/learning-orgs.xlsx', body: () => ({ orgId: f.hangzhou.id }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/learning-orgs.xlsx', body: () => ({ orgId: f.hangzhou.id }) } },
  { method: 'POST', route: '/api/exports/learning-members.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/learning-members.xlsx', body: () => ({ orgId: f.hzBranch }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/learning-members.xlsx', body: () => ({ orgId: f.hzBranch }) } },
  { method: 'POST', route: '/api/exports/learning-transcript.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/learning-transcript.xlsx', body: () => ({ memberId: f.hzMember }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/learning-transcript.xlsx', body: () => ({ memberId: f.hzMember }) } },
  // 直播课堂 (learning.live.test.ts)
  { method: 'GET', route: '/api/learning/live/settings', ok: { actor: 'demo-hangzhou', url: () => '/api/learning/live/settings' }, forbidden: { actor: 'demo-member', url: () => '/api/learning/live/settings' } },
  { method: 'GET', route: '/api/learning/live', ok: { actor: 'demo-hangzhou', url: () => '/api/learning/live' }, forbidden: { actor: 'demo-member', url: () => '/api/learning/live' } },
  { method: 'POST', route: '/api/learning/live', ok: { actor: 'demo-hangzhou', url: () => '/api/learning/live', body: () => liveBody(f.hangzhou.id), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/learning/live', body: () => liveBody(f.hangzhou.id) } },
  { method: 'GET', route: '/api/learning/live/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive()}` } },
  { method: 'PUT', route: '/api/learning/live/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive()}`, body: () => liveEdit() }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive()}`, body: () => liveEdit() } },
  { method: 'POST', route: '/api/learning/live/:id/start', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive()}/start` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive()}/start` } },
  { method: 'POST', route: '/api/learning/live/:id/end', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive('live')}/end` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive('live')}/end` } },
  { method: 'POST', route: '/api/learning/live/:id/cancel', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive()}/cancel`, body: () => ({ reason: '改期' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive()}/cancel`, body: () => ({ reason: '越权' }) } },
  { method: 'POST', route: '/api/learning/live/:id/recording', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive('ended')}/recording`, body: async () => ({ videoUrl: 'https://video.example.cn/a.mp4', durationSeconds: 300, courseId: await hzCourse() }), status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive('ended')}/recording`, body: () => ({ videoUrl: 'https://video.example.cn/a.mp4', durationSeconds: 300 }) } },
  { method: 'GET', route: '/api/learning/live/:id/messages', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/${await hzLive()}/messages` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/${await hzLive()}/messages` } },
  { method: 'POST', route: '/api/learning/live/messages/:id/approve', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/messages/${await heldMessage()}/approve` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/messages/${await heldMessage()}/approve` } },
  { method: 'POST', route: '/api/learning/live/messages/:id/hide', ok: { actor: 'demo-hangzhou', url: async () => `/api/learning/live/messages/${await heldMessage()}/hide`, body: () => ({ reason: '与主题无关' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/learning/live/messages/${await heldMessage()}/hide`, body: () => ({ reason: '越权' }) } },
  { method: 'GET', route: '/api/me/live', ok: { actor: 'demo-member', url: () => '/api/me/live' }, forbidden: { none: 'own list: the events of the member’s organization and its ancestors' } },
  { method: 'GET', route: '/api/me/live/:id', ok: { actor: 'demo-member', url: async () => `/api/me/live/${await memberLive()}` }, forbidden: { none: 'another city’s event is 404 (learning.live.test.ts)' } },
  { method: 'POST', route: '/api/learning/live/:id/presence', ok: { actor: 'demo-member', url: async () => `/api/learning/live/${await memberLive()}/presence` }, forbidden: { none: 'own presence; another city’s event is 404' } },
  { method: 'GET', route: '/api/me/live/:id/messages', ok: { actor: 'demo-member', url: async () => `/api/me/live/${await memberLive()}/messages` }, forbidden: { none: 'the chat of an event the member sees; another city’s is 404' } },
  { method: 'POST', route: '/api/learning/live/:id/chat', ok: { actor: 'demo-member', url: async () => `/api/learning/live/${await memberLive()}/chat`, body: () => ({ text: '认真学习' }), status: 201 }, forbidden: { none: 'own message in an event the member sees; another city’s is 404' } },

  { method: 'GET', route: '/api/orgs/roots', ok: { actor: 'demo-hangzhou', url: () => '/api/orgs/roots' }, forbidden: { actor: 'demo-member', url: () => '/api/orgs/roots' } },
  { method: 'GET', route: '/api/orgs', ok: { actor: 'demo-hangzhou', url: () => '/api/orgs?q=%E8%A5%BF%E6%B9%96' }, forbidden: { actor: 'demo-member', url: () => '/api/orgs?q=%E8%A5%BF%E6%B9%96' } },
  { method: 'GET', route: '/api/orgs/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/orgs/${f.hzBranch}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hzBranch}` } },
  { method: 'GET', route: '/api/orgs/:id/children', ok: { actor: 'demo-hangzhou', url: () => `/api/orgs/${f.hangzhou.id}/children` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hangzhou.id}/children` } },
  { method: 'POST', route: '/api/orgs', ok: { actor: 'demo-hangzhou', url: () => '/api/orgs', body: () => newBranch(f.hangzhou.id), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/orgs', body: () => newBranch(f.hangzhou.id) } },
  { method: 'PATCH', route: '/api/orgs/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/orgs/${f.hzBranch}`, body: async () => ({ version: await versionOf(`/api/orgs/${f.hzBranch}`), secretaryName: '张卫国' }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hzBranch}`, body: () => ({ version: 1, name: '越权' }) } },
  { method: 'POST', route: '/api/orgs/:id/move', ok: { actor: 'demo-hangzhou', url: async () => `/api/orgs/${await createBranchIn(f.hzBranch.length ? (await t.ctx.db.selectFrom('orgs').select('parent_id').where('id', '=', f.hzBranch).executeTakeFirstOrThrow()).parent_id! : '')}/move`, body: () => ({ parentId: f.hangzhou.id }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hzBranch}/move`, body: () => ({ parentId: f.ningbo.id }) } },
  { method: 'POST', route: '/api/orgs/:id/deactivate', ok: { actor: 'demo-hangzhou', url: async () => `/api/orgs/${await createBranchIn(f.hangzhou.id)}/deactivate` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/orgs/${await createBranchIn(f.hangzhou.id)}/deactivate` } },

  { method: 'GET', route: '/api/members', ok: { actor: 'demo-hangzhou', url: () => `/api/members?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/members/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}` } },
  { method: 'POST', route: '/api/members', ok: { actor: 'demo-hangzhou', url: () => '/api/members', body: () => memberBody(f.hzBranch), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/members', body: () => memberBody(f.hzBranch) } },
  { method: 'PATCH', route: '/api/members/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}`, body: async () => ({ version: await versionOf(`/api/members/${f.hzMember}`), job: '村党支部委员' }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}`, body: () => ({ version: 1, job: '越权' }) } },
  { method: 'POST', route: '/api/members/:id/reveal', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/reveal`, body: () => ({ field: 'mobile' }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/reveal`, body: () => ({ field: 'mobile' }) } },
  { method: 'GET', route: '/api/members/:id/history', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/history` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/history` } },

  { method: 'GET', route: '/api/dashboard', ok: { actor: 'demo-hangzhou', url: () => '/api/dashboard' }, forbidden: { actor: 'demo-ningbo', url: () => `/api/dashboard?orgId=${f.hangzhou.id}` } },

  { method: 'GET', route: '/api/roles', ok: { actor: 'demo-sysadmin', url: () => '/api/roles' }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/roles' } },
  { method: 'GET', route: '/api/accounts', ok: { actor: 'demo-sysadmin', url: () => '/api/accounts' }, forbidden: { actor: 'demo-auditor', url: () => '/api/accounts' } },
  { method: 'GET', route: '/api/accounts/:id', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}` }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}` } },
  { method: 'POST', route: '/api/accounts', ok: { actor: 'demo-sysadmin', url: () => '/api/accounts', body: () => ({ username: `staff${++counter}`, displayName: '测试工作人员', kind: 'staff', password: 'Zj!2026-Strong' }), status: 201 }, forbidden: { actor: 'demo-secadmin', url: () => '/api/accounts', body: () => ({ username: 'nobody1', displayName: '越权', kind: 'staff', password: 'Zj!2026-Strong' }) } },
  { method: 'PATCH', route: '/api/accounts/:id', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}`, body: () => ({ displayName: '演示党员' }) }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}`, body: () => ({ displayName: '越权' }) } },
  { method: 'POST', route: '/api/accounts/:id/reset-password', ok: { actor: 'demo-sysadmin', url: async () => `/api/accounts/${await newStaff()}/reset-password`, body: () => ({ password: 'Reset#2026ok' }), status: 204 }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}/reset-password`, body: () => ({ password: 'Reset#2026ok' }) } },
  { method: 'POST', route: '/api/accounts/:id/unlock', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}/unlock` }, forbidden: { actor: 'demo-auditor', url: () => `/api/accounts/${f.memberAccount}/unlock` } },
  { method: 'POST', route: '/api/accounts/:id/roles', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}/roles`, body: () => ({ role: 'org_viewer', orgId: f.hzBranch }) }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}/roles`, body: () => ({ role: 'org_viewer', orgId: f.hzBranch }) } },
  { method: 'DELETE', route: '/api/accounts/:id/roles/:grantId', ok: { actor: 'demo-sysadmin', url: async () => `/api/accounts/${f.memberAccount}/roles/${await grantToRevoke()}` }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/accounts/${f.memberAccount}/roles/${await grantToRevoke()}` } },

  { method: 'GET', route: '/api/admin-requests', ok: { actor: 'demo-secadmin', url: () => '/api/admin-requests' }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/admin-requests' } },
  { method: 'POST', route: '/api/admin-requests/:id/approve', ok: { actor: 'demo-secadmin', url: async () => `/api/admin-requests/${await pendingRequest()}/approve` }, forbidden: { actor: 'demo-sysadmin', url: async () => `/api/admin-requests/${await pendingRequest()}/approve` } },
  { method: 'POST', route: '/api/admin-requests/:id/reject', ok: { actor: 'demo-secadmin', url: async () => `/api/admin-requests/${await pendingRequest()}/reject` }, forbidden: { actor: 'demo-auditor', url: async () => `/api/admin-requests/${await pendingRequest()}/reject` } },
  { method: 'POST', route: '/api/admin-requests/:id/cancel', ok: { actor: 'demo-sysadmin', url: async () => `/api/admin-requests/${await pendingRequest()}/cancel` }, forbidden: { actor: 'demo-secadmin', url: async () => `/api/admin-requests/${await pendingRequest()}/cancel` } },
  { method: 'GET', route: '/api/members/:id/account', ok: { actor: 'demo-hangzhou', url: async () => `/api/members/${await hzMemberWithAccount()}/account` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/members/${await hzMemberWithAccount()}/account` } },
  { method: 'POST', route: '/api/members/:id/account', ok: { actor: 'demo-hangzhou', url: async () => `/api/members/${await hzMemberWithoutAccount()}/account`, body: () => ({ username: `member${++counter}`, password: 'Zj!2026-Strong' }), status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/members/${await hzMemberWithoutAccount()}/account`, body: () => ({ username: 'nobody2', password: 'Zj!2026-Strong' }) } },
  { method: 'POST', route: '/api/members/:id/account/reset-password', ok: { actor: 'demo-hangzhou', url: async () => `/api/members/${await hzMemberWithAccount()}/account/reset-password`, body: () => ({ password: 'Reset#2026ok' }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/members/${await hzMemberWithAccount()}/account/reset-password`, body: () => ({ password: 'Reset#2026ok' }) } },

  { method: 'GET', route: '/api/audit', ok: { actor: 'demo-auditor', url: () => '/api/audit' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/audit' } },
  { method: 'POST', route: '/api/audit/verify', ok: { actor: 'demo-auditor', url: () => '/api/audit/verify' }, forbidden: { actor: 'demo-province', url: () => '/api/audit/verify' } },
  { method: 'GET', route: '/api/audit/labels', ok: { actor: 'demo-auditor', url: () => '/api/audit/labels' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/audit/labels' } },
  { method: 'GET', route: '/api/security/policy', ok: { actor: 'demo-secadmin', url: () => '/api/security/policy' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/security/policy' } },
  { method: 'PUT', route: '/api/security/policy', ok: { actor: 'demo-secadmin', url: () => '/api/security/policy', body: async () => (await t.call('GET', '/api/security/policy', { cookie: await as('demo-secadmin') })).json() }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/security/policy', body: () => ({}) } },
  { method: 'GET', route: '/api/public/overview', public: true, ok: { actor: '', url: () => '/api/public/overview' }, forbidden: { none: 'public' } },
  { method: 'GET', route: '/api/imports/templates/:kind', ok: { actor: 'demo-hangzhou', url: () => '/api/imports/templates/members.xlsx' }, forbidden: { actor: 'demo-auditor', url: () => '/api/imports/templates/members.xlsx' } },
  { method: 'POST', route: '/api/imports', ok: { actor: 'demo-hangzhou', url: () => '/api/imports?kind=members', body: () => emptyImportFile(), status: 202 }, forbidden: { actor: 'demo-auditor', url: () => '/api/imports?kind=members', body: () => emptyImportFile() } },
  { method: 'GET', route: '/api/imports', ok: { actor: 'demo-hangzhou', url: () => '/api/imports' }, forbidden: { none: 'lists only the caller’s own imports' } },
  { method: 'GET', route: '/api/imports/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/imports/${await hangzhouImport()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/imports/${await hangzhouImport()}` } },
  { method: 'GET', route: '/api/imports/:id/errors.xlsx', ok: { actor: 'demo-hangzhou', url: async () => `/api/imports/${await hangzhouImport()}/errors.xlsx` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/imports/${await hangzhouImport()}/errors.xlsx` } },
  { method: 'POST', route: '/api/members/search', ok: { actor: 'demo-hangzhou', url: () => '/api/members/search', body: () => ({ orgId: f.hangzhou.id }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/members/search', body: () => ({ orgId: f.hangzhou.id }) } },
  { method: 'POST', route: '/api/exports/members.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/members.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/members.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
  { method: 'POST', route: '/api/exports/organizations.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/organizations.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/organizations.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
  { method: 'POST', route: '/api/exports/stations.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/stations.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/stations.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
  { method: 'POST', route: '/api/exports/flows.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/flows.xlsx', body: () => qs(`orgId=${f.hangzhou.id}&open=true`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/flows.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
  { method: 'POST', route: '/api/exports/inactive-members.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/inactive-members.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/inactive-members.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },

  // 短信平台: a Hangzhou broadcast in the state each decision needs (hzBroadcast below).

  // 虚拟手机: demo mode with the embedded simulator only, and 404 (not 403) for accounts without sms.send: sms.simulator.test.ts.
  { method: 'GET', route: '/api/sms/simulator/phones', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'answers 404 without sms.send: sms.simulator.test.ts' } },
  { method: 'GET', route: '/api/sms/simulator/phones/:key', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'answers 404 without sms.send: sms.simulator.test.ts' } },
  { method: 'POST', route: '/api/sms/simulator/phones/:key/reply', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'answers 404 without sms.send: sms.simulator.test.ts' } },
];

/** The filters of a query string as a JSON body (exports take their filters in the body). */
const qs = (query: string) => Object.fromEntries(new URLSearchParams(query));

let idSeq = 0;
function memberBody(orgId: string) {
  // A valid ID number with the GB 11643 check digit, unique per call.
  const first17 = `33010619850312${String(100 + (idSeq++ % 800)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  const idNumber = first17 + '10X98765432'[sum % 11];
  const gender = Number(first17[16]) % 2 === 1 ? 'male' : 'female';
  return { orgId, name: '周建国', gender, ethnicity: '汉族', birthDate: '1985-03-12', idType: 'resident_id', idNumber, education: 'bachelor', category: 'full', joinedOn: '2010-07-01', fullOn: '2011-07-01', mobile: `1395710${String(1000 + idSeq).slice(-4)}` };
}

/** A new Hangzhou broadcast to two explicit phones, resolved (no dispatcher runs here) and brought to `state`. */
async function hzBroadcast(state: 'sending' | 'awaiting_approval' | 'paused'): Promise<string> {
  const cfg = t.ctx.config.sms;
  const threshold = cfg.approvalThreshold;
  if (state === 'awaiting_approval') cfg.approvalThreshold = 1;
  try {
    const res = await t.call('POST', '/api/sms/broadcasts', { cookie: await as('demo-hangzhou'), body: { text: '请按时参加党员大会。', phones: ['13900000001', '13900000002'] } });
    const id = res.json().id as string;
    await t.ctx.jobs.drain();
    if (state === 'paused') await t.call('POST', `/api/sms/broadcasts/${id}/pause`, { cookie: await as('demo-hangzhou'), body: {} });
    return id;
  } finally {
    cfg.approvalThreshold = threshold;
  }
}

/** A finished Hangzhou broadcast whose two messages failed (as the dispatcher would have recorded them), made afresh for each call. */
async function hzFailedBroadcast(): Promise<string> {
  const id = await hzBroadcast('sending');
  await t.ctx.db.updateTable('sms_messages').set({ state: 'failed', error_code: 'UNDELIV', error_reason: 'UNDELIV err:001', attempts: 1 }).where('broadcast_id', '=', id).execute();
  await t.ctx.db.updateTable('sms_broadcasts').set({ state: 'completed', completed_at: t.clock.now() }).where('id', '=', id).execute();
  return id;
}

/** A fresh staff account made by the system administrator. */
async function newStaff(): Promise<string> {
  const res = await t.call('POST', '/api/accounts', { cookie: await as('demo-sysadmin'), body: { username: `staff${++counter}`, displayName: '测试工作人员', kind: 'staff', password: 'Zj!2026-Strong' } });
  return res.json().id;
}
/** A pending request (the system administrator asks for the audit administrator role for a new account). */
async function pendingRequest(): Promise<string> {
  const res = await t.call('POST', `/api/accounts/${await newStaff()}/roles`, { cookie: await as('demo-sysadmin'), body: { role: 'auditor', orgId: f.hangzhou.id } });
  return res.json().request.id;
}
/** A current Hangzhou member with no login account yet (each call takes the next one). */
let memberSkip = 0;
async function hzMemberWithoutAccount(): Promise<string> {
  return (await t.ctx.db.selectFrom('members as m').select('m.id').where('m.org_path', 'like', `${f.hangzhou.path}%`).where('m.departed_on', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('accounts as a').select('a.id').whereRef('a.member_id', '=', 'm.id'))))
    .orderBy('m.id').offset(memberSkip++).limit(1).executeTakeFirstOrThrow()).id;
}
let hzMemberAccount: string | undefined;
async function hzMemberWithAccount(): Promise<string> {
  if (hzMemberAccount) return hzMemberAccount;
  const id = await hzMemberWithoutAccount();
  await t.call('POST', `/api/members/${id}/account`, { cookie: await as('demo-hangzhou'), body: { username: `member${++counter}`, password: 'Zj!2026-Strong' } });
  return (hzMemberAccount = id);
}

async function grantToRevoke(): Promise<string> {
  const res = await t.call('POST', `/api/accounts/${f.memberAccount}/roles`, { cookie: await as('demo-sysadmin'), body: { role: 'org_viewer', orgId: f.hangzhou.id } });
  const grants = (res.statusCode === 200 ? res.json() : (await t.call('GET', `/api/accounts/${f.memberAccount}`, { cookie: await as('demo-sysadmin') })).json()).roles;
  return grants.find((g: { role: string; orgId: string }) => g.role === 'org_viewer' && g.orgId === f.hangzhou.id).grantId;
}

// 组织关系转接 (transfers): each success row works on a transfer of its own, from a Hangzhou member not used before.
let transferSeq = 0;
async function hzTransfer(state: 'applied' | 'out_review' | 'completed_outside'): Promise<string> {
  const member = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).orderBy('id', 'desc').offset(transferSeq++).limit(1).executeTakeFirstOrThrow();
  const dest = state === 'completed_outside' ? { outsideOrgName: '中共上海市某街道第一党支部', outsideProvince: '上海市', outsideCity: '黄浦区' } : { toOrgId: f.nbBranch };
  const cookie = await as('demo-hangzhou');
  const res = await t.call('POST', '/api/transfers', { cookie, body: { memberId: member.id, ...dest, duesPaidTo: '2026-10', reason: '工作调动' } });
  const id = res.json().id as string;
  if (state !== 'applied') await t.call('POST', `/api/transfers/${id}/submit`, { cookie, body: {} });
  if (state === 'completed_outside') await t.call('POST', `/api/transfers/${id}/approve`, { cookie, body: {} });
  return id;
}
const transferBody = async () => ({ memberId: (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).orderBy('id', 'desc').offset(transferSeq++).limit(1).executeTakeFirstOrThrow()).id, toOrgId: f.nbBranch, duesPaidTo: '2026-10', reason: '工作调动' });
cases.push(
  { method: 'POST', route: '/api/transfers', ok: { actor: 'demo-hangzhou', url: () => '/api/transfers', body: transferBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/transfers', body: transferBody } },
  { method: 'POST', route: '/api/exports/transfers.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/transfers.xlsx', body: () => qs(`direction=outgoing`) }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/exports/transfers.xlsx', body: () => ({}) } },
  { method: 'GET', route: '/api/transfers', ok: { actor: 'demo-hangzhou', url: () => '/api/transfers?direction=outgoing' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/transfers' } },
  { method: 'GET', route: '/api/transfers/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('applied')}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('applied')}` } },
  { method: 'POST', route: '/api/transfers/:id/submit', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('applied')}/submit`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('applied')}/submit`, body: () => ({}) } },
  { method: 'POST', route: '/api/transfers/:id/approve', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('out_review')}/approve`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('out_review')}/approve`, body: () => ({}) } },
  { method: 'POST', route: '/api/transfers/:id/return', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('out_review')}/return`, body: () => ({ reason: '材料不全' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('out_review')}/return`, body: () => ({ reason: '材料不全' }) } },
  { method: 'POST', route: '/api/transfers/:id/withdraw', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('out_review')}/withdraw`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('out_review')}/withdraw`, body: () => ({}) } },
  { method: 'POST', route: '/api/transfers/:id/cancel', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('applied')}/cancel`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('applied')}/cancel`, body: () => ({}) } },
  { method: 'GET', route: '/api/transfers/destinations', ok: { actor: 'demo-hangzhou', url: () => `/api/transfers/destinations?q=${encodeURIComponent('党支部')}` }, forbidden: { actor: 'demo-sysadmin', url: () => `/api/transfers/destinations?q=${encodeURIComponent('党支部')}` } },
  { method: 'GET', route: '/api/transfers/:id/letter', ok: { actor: 'demo-hangzhou', url: async () => `/api/transfers/${await hzTransfer('completed_outside')}/letter` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/transfers/${await hzTransfer('completed_outside')}/letter` } },
);

// ——— flows (流动党员, 网络党支部, 六个月预警) and stations (远程教育站点), issue 3 ———
const todayIso = () => chinaToday(t.clock.now());
const outFlowBody = () => ({ flowType: 'within_city', reason: 'work_business', destProvince: '浙江省', destCity: '杭州市', leftOn: todayIso() });
/** A member under `path` who is not a migrant (and so has no open flow). */
const nonMigrantIn = async (path: string) =>
  (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${path}%`).where('migrant', '=', false).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
async function openFlowIn(path: string): Promise<{ memberId: string; flowId: string }> {
  const memberId = await nonMigrantIn(path);
  const res = await t.call('POST', `/api/members/${memberId}/flows`, { cookie: await as('demo-province'), body: outFlowBody() });
  return { memberId, flowId: res.json().id };
}
const onlineBranchId = async () => (await t.ctx.db.selectFrom('orgs').select('id').where('is_online', '=', true).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
async function attachedNingboMigrant(): Promise<string> {
  const { memberId } = await openFlowIn(f.ningbo.path);
  await t.call('POST', `/api/members/${memberId}/online-branch`, { cookie: await as('demo-province'), body: { orgId: await onlineBranchId() } });
  return memberId;
}
// 集中收看: a station in Hangzhou, a session there later today (hzViewing) and one whose check-in is open now (openHzViewing).
const hzStation = async () => (await t.ctx.db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.id', 'o.path'])
  .where('o.path', 'like', `${f.hangzhou.path}%`).where('s.status', '=', 'active').where('o.level', '=', 'township').orderBy('s.id').limit(1).executeTakeFirstOrThrow());
let viewingHour = 0;
const viewingBody = async () => ({ stationId: (await hzStation()).id, title: '端点测试集中收看', startsAt: new Date(t.clock.now().getTime() + (2 + ++viewingHour) * 3600_000 * 2).toISOString(), durationMinutes: 60, organizerName: '王建军' });
const newHzViewing = async () => (await t.call('POST', '/api/viewings', { cookie: await as('demo-hangzhou'), body: await viewingBody() })).json().id as string;
let hzViewingId: string | undefined;
const hzViewing = async () => (hzViewingId ??= await newHzViewing());
const hzViewingCode = async () => (await t.call('GET', `/api/viewings/${await hzViewing()}`, { cookie: await as('demo-hangzhou') })).json().checkinCode as string;
let openViewingId: string | undefined;
/** Shared: the attendance rows run before the confirmation's (confirming is idempotent). */
const openHzViewing = async () => (openViewingId ??= (await t.call('POST', '/api/viewings', { cookie: await as('demo-hangzhou'), body: { ...(await viewingBody()), startsAt: new Date(t.clock.now().getTime() - 60_000 - (++viewingHour) * 1000).toISOString(), durationMinutes: 10 } })).json().id as string);
const rollMember = async () => (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${(await hzStation()).path}%`).where('departed_on', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const hzGuest = async () => (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).where('org_path', 'not like', `${(await hzStation()).path}%`).where('departed_on', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const stationIn = async (path: string) => (await t.ctx.db.selectFrom('stations').select('id').where('org_path', 'like', `${path}%`).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const stationBody = (orgId: string) => ({ orgId, name: `测试远程教育站点${++counter}`, type: 'village', managerName: '陈立新' });
const stationNow = async (id: string) => (await t.call('GET', `/api/stations/${id}`, { cookie: await as('demo-province') })).json();

cases.push(
  { method: 'GET', route: '/api/members/:id/flows', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/flows` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/flows` } },
  { method: 'POST', route: '/api/members/:id/flows', ok: { actor: 'demo-hangzhou', url: async () => `/api/members/${await nonMigrantIn(f.hangzhou.path)}/flows`, body: outFlowBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/flows`, body: outFlowBody } },
  { method: 'POST', route: '/api/flows/:id/return', ok: { actor: 'demo-hangzhou', url: async () => `/api/flows/${(await openFlowIn(f.hangzhou.path)).flowId}/return`, body: () => ({ returnedOn: todayIso() }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/flows/${(await openFlowIn(f.hangzhou.path)).flowId}/return`, body: () => ({ returnedOn: todayIso() }) } },
  { method: 'GET', route: '/api/flows', ok: { actor: 'demo-hangzhou', url: () => `/api/flows?orgId=${f.hangzhou.id}&open=true` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/flows?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/members/:id/online-branch', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/online-branch` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/online-branch` } },
  { method: 'POST', route: '/api/members/:id/online-branch', ok: { actor: 'demo-ningbo', url: async () => `/api/members/${(await openFlowIn(f.ningbo.path)).memberId}/online-branch`, body: async () => ({ orgId: await onlineBranchId() }) }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/members/${(await openFlowIn(f.ningbo.path)).memberId}/online-branch`, body: async () => ({ orgId: await onlineBranchId() }) } },
  { method: 'DELETE', route: '/api/members/:id/online-branch', ok: { actor: 'demo-ningbo', url: async () => `/api/members/${await attachedNingboMigrant()}/online-branch` }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/members/${await attachedNingboMigrant()}/online-branch` } },
  { method: 'POST', route: '/api/members/:id/activities', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/activities`, body: () => ({ kind: 'life', onDate: todayIso() }), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/activities`, body: () => ({ kind: 'dues', onDate: todayIso() }) } },
  { method: 'GET', route: '/api/alerts/inactive-members', ok: { actor: 'demo-hangzhou', url: () => `/api/alerts/inactive-members?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/alerts/inactive-members?orgId=${f.hangzhou.id}` } },

  // 集中收看 (issue 12, F-72): sessions at Hangzhou stations; Ningbo is refused.
  { method: 'GET', route: '/api/viewings', ok: { actor: 'demo-hangzhou', url: () => `/api/viewings?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/viewings?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/viewings', ok: { actor: 'demo-hangzhou', url: () => '/api/viewings', body: viewingBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/viewings', body: viewingBody } },
  { method: 'GET', route: '/api/viewings/live-events', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/live-events?stationId=${(await hzStation()).id}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/live-events?stationId=${(await hzStation()).id}` } },
  { method: 'GET', route: '/api/viewings/lessons', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/lessons?stationId=${(await hzStation()).id}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/lessons?stationId=${(await hzStation()).id}` } },
  { method: 'GET', route: '/api/viewings/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await hzViewing()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await hzViewing()}` } },
  { method: 'PATCH', route: '/api/viewings/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await hzViewing()}`, body: async () => ({ version: await versionOf(`/api/viewings/${await hzViewing()}`), notes: '请提前十分钟到场' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await hzViewing()}`, body: () => ({ version: 1, notes: '越权' }) } },
  { method: 'POST', route: '/api/viewings/:id/cancel', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await newHzViewing()}/cancel`, body: () => ({ reason: '停电' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await hzViewing()}/cancel`, body: () => ({ reason: '越权' }) } },
  { method: 'GET', route: '/api/viewings/:id/roll', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await hzViewing()}/roll` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await hzViewing()}/roll` } },
  { method: 'PUT', route: '/api/viewings/:id/attendance/:memberId', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await openHzViewing()}/attendance/${await rollMember()}`, body: () => ({ present: true }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await openHzViewing()}/attendance/${await rollMember()}`, body: () => ({ present: true }) } },
  { method: 'GET', route: '/api/viewings/:id/guest-candidates', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await hzViewing()}/guest-candidates?q=${encodeURIComponent('王')}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await hzViewing()}/guest-candidates?q=${encodeURIComponent('王')}` } },
  { method: 'POST', route: '/api/viewings/:id/guests', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await hzViewing()}/guests`, body: async () => ({ memberId: await hzGuest() }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await hzViewing()}/guests`, body: async () => ({ memberId: await hzGuest() }) } },
  { method: 'POST', route: '/api/viewings/:id/confirm', ok: { actor: 'demo-hangzhou', url: async () => `/api/viewings/${await openHzViewing()}/confirm` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/viewings/${await openHzViewing()}/confirm` } },
  { method: 'GET', route: '/api/viewing-checkin/:code', ok: { actor: 'demo-member', url: async () => `/api/viewing-checkin/${await hzViewingCode()}` }, forbidden: { none: 'any signed-in account reads the page behind a code; who may check in is viewings.test.ts' } },
  { method: 'POST', route: '/api/viewing-checkin/:code', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'the member checks in themselves; window, scope and once-only in viewings.test.ts' } },
  { method: 'GET', route: '/api/dashboard/viewings', ok: { actor: 'demo-hangzhou', url: () => `/api/dashboard/viewings?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/dashboard/viewings?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/stations', ok: { actor: 'demo-hangzhou', url: () => `/api/stations?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/stations?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/stations/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/stations/${await stationIn(f.hangzhou.path)}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/stations/${await stationIn(f.hangzhou.path)}` } },
  { method: 'POST', route: '/api/stations', ok: { actor: 'demo-hangzhou', url: () => '/api/stations', body: () => stationBody(f.hzBranch), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/stations', body: () => stationBody(f.hzBranch) } },
  { method: 'PATCH', route: '/api/stations/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/stations/${await stationIn(f.hangzhou.path)}`, body: async () => ({ updatedAt: (await stationNow(await stationIn(f.hangzhou.path))).updatedAt, managerName: '张卫国' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/stations/${await stationIn(f.hangzhou.path)}`, body: () => ({ updatedAt: 'x', name: '越权' }) } },
  { method: 'POST', route: '/api/stations/:id/status', ok: { actor: 'demo-hangzhou', url: async () => `/api/stations/${await stationIn(f.hangzhou.path)}/status`, body: async () => ({ status: (await stationNow(await stationIn(f.hangzhou.path))).status === 'fault' ? 'active' : 'fault' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/stations/${await stationIn(f.hangzhou.path)}/status`, body: () => ({ status: 'suspended' }) } },
);

// ——— 短信平台 (issue 9) ———
/** An incoming message from a Hangzhou member (stored as the carrier link would store it). */
let hzInboundId: string | undefined;
async function hzInbound(): Promise<string> {
  if (hzInboundId) return hzInboundId;
  const m = await t.ctx.db.selectFrom('members').select(['id', 'org_id', 'mobile_enc', 'mobile_bidx', 'mobile_masked']).where('id', '=', f.hzMember).executeTakeFirstOrThrow();
  const row = await t.ctx.db.insertInto('sms_inbound').values({
    link: 'test', carrier_id: 'e1', phone_enc: m.mobile_enc!, phone_bidx: m.mobile_bidx!, phone_masked: m.mobile_masked!, to_number: '106900001',
    text: '收到', received_at: t.clock.now(), person_kind: 'member', person_id: m.id, org_id: m.org_id,
  }).returning('id').executeTakeFirstOrThrow();
  return (hzInboundId = row.id);
}
/** A new Hangzhou SMS template (短信模板), made by demo-hangzhou for each call. */
const templateBody = () => ({ name: `测试模板${++counter}`, text: '{姓名}同志：请按时参加主题党日活动。' });
let lastTemplate: { id: string; name: string; updatedAt: string } = { id: '', name: '', updatedAt: '' };
const hzTemplate = async () => (await t.call('POST', '/api/sms/templates', { cookie: await as('demo-hangzhou'), body: templateBody() })).json() as { id: string; name: string; updatedAt: string };
/** A new incoming message from a number on nobody's record (the province's unmatched inbox). */
let unknownSeq = 0;
async function unmatchedInbound(): Promise<string> {
  const phone = `1920000${String(++unknownSeq).padStart(4, '0')}`;
  const row = await t.ctx.db.insertInto('sms_inbound').values({
    link: 'test', carrier_id: `u${unknownSeq}`, phone_enc: t.ctx.crypto.encrypt(phone), phone_bidx: t.ctx.crypto.blindIndex('mobile', phone), phone_masked: `192****${phone.slice(7)}`,
    to_number: '106900001', text: '你好', received_at: t.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
const hzAudience = () => ({ audience: { orgIds: [f.hangzhou.id], who: ['members'] } });

cases.push(
  { method: 'POST', route: '/api/sms/audience/preview', ok: { actor: 'demo-hangzhou', url: () => '/api/sms/audience/preview', body: hzAudience }, forbidden: { actor: 'demo-ningbo', url: () => '/api/sms/audience/preview', body: hzAudience } },
  { method: 'POST', route: '/api/sms/broadcasts', ok: { actor: 'demo-hangzhou', url: () => '/api/sms/broadcasts', body: () => ({ text: '通知', phones: ['13900001234'] }), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/sms/broadcasts', body: () => ({ text: '通知', ...hzAudience() }) } },
  { method: 'GET', route: '/api/sms/broadcasts', ok: { actor: 'demo-hangzhou', url: () => '/api/sms/broadcasts' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/sms/broadcasts' } },
  { method: 'GET', route: '/api/sms/broadcasts/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}` } },
  { method: 'GET', route: '/api/sms/broadcasts/:id/orgs', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/orgs` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/orgs` } },
  { method: 'GET', route: '/api/sms/broadcasts/:id/messages', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/messages` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/messages` } },
  { method: 'POST', route: '/api/sms/broadcasts/:id/approve', ok: { actor: 'demo-province', url: async () => `/api/sms/broadcasts/${await hzBroadcast('awaiting_approval')}/approve`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('awaiting_approval')}/approve`, body: () => ({}) } },
  { method: 'POST', route: '/api/sms/broadcasts/:id/reject', ok: { actor: 'demo-province', url: async () => `/api/sms/broadcasts/${await hzBroadcast('awaiting_approval')}/reject`, body: () => ({ note: '内容需修改' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('awaiting_approval')}/reject`, body: () => ({ note: '越权' }) } },
  { method: 'POST', route: '/api/sms/broadcasts/:id/pause', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/pause`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/pause`, body: () => ({}) } },
  { method: 'POST', route: '/api/sms/broadcasts/:id/resume', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzBroadcast('paused')}/resume`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('paused')}/resume`, body: () => ({}) } },
  { method: 'POST', route: '/api/sms/broadcasts/:id/cancel', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/cancel`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzBroadcast('sending')}/cancel`, body: () => ({}) } },
  { method: 'GET', route: '/api/sms/conversation', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/conversation?inboundId=${await hzInbound()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/conversation?inboundId=${await hzInbound()}` } },
  { method: 'POST', route: '/api/sms/replies', ok: { actor: 'demo-hangzhou', url: () => '/api/sms/replies', body: async () => ({ inboundId: await hzInbound(), text: '已收到' }), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/sms/replies', body: async () => ({ inboundId: await hzInbound(), text: '越权' }) } },
  { method: 'GET', route: '/api/sms/inbound', ok: { actor: 'demo-hangzhou', url: () => '/api/sms/inbound' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/sms/inbound' } },
  { method: 'GET', route: '/api/sms/broadcasts/:id/resend', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzFailedBroadcast()}/resend` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzFailedBroadcast()}/resend` } },
  { method: 'POST', route: '/api/sms/broadcasts/:id/resend', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/broadcasts/${await hzFailedBroadcast()}/resend`, body: () => ({}), status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/broadcasts/${await hzFailedBroadcast()}/resend`, body: () => ({}) } },
  { method: 'GET', route: '/api/sms/usage', ok: { actor: 'demo-hangzhou', url: () => `/api/sms/usage?parentId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/sms/usage?parentId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/exports/sms-failures.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/sms-failures.xlsx', body: async () => ({ broadcastId: await hzFailedBroadcast() }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/sms-failures.xlsx', body: async () => ({ broadcastId: await hzFailedBroadcast() }) } },
  { method: 'POST', route: '/api/exports/sms-usage.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/sms-usage.xlsx', body: () => ({ parentId: f.hangzhou.id }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/sms-usage.xlsx', body: () => ({ parentId: f.hangzhou.id }) } },
  { method: 'GET', route: '/api/sms/conversations', ok: { actor: 'demo-hangzhou', url: () => `/api/sms/conversations?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/sms/conversations?orgId=${f.hangzhou.id}` } },
  // The unmatched inbox is the province's: a city's staff (holding sms.send) may not assign from it.
  { method: 'POST', route: '/api/sms/inbound/:id/assign', ok: { actor: 'demo-province', url: async () => `/api/sms/inbound/${await unmatchedInbound()}/assign`, body: () => ({ memberId: f.hzMember }) }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/sms/inbound/${await unmatchedInbound()}/assign`, body: () => ({ memberId: f.hzMember }) } },
  // 短信模板: a city reads its own and the province's, writes its own; another city is refused.
  { method: 'GET', route: '/api/sms/templates', ok: { actor: 'demo-hangzhou', url: () => `/api/sms/templates?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/sms/templates?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/sms/templates', ok: { actor: 'demo-hangzhou', url: () => '/api/sms/templates', body: templateBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/sms/templates', body: () => ({ ...templateBody(), orgId: f.hangzhou.id }) } },
  { method: 'PUT', route: '/api/sms/templates/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/templates/${(lastTemplate = await hzTemplate()).id}`, body: () => ({ name: lastTemplate.name, text: '请按时参加主题党日活动。', updatedAt: lastTemplate.updatedAt }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/templates/${(lastTemplate = await hzTemplate()).id}`, body: () => ({ name: '越权', text: '越权', updatedAt: lastTemplate.updatedAt }) } },
  { method: 'DELETE', route: '/api/sms/templates/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/sms/templates/${(await hzTemplate()).id}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/sms/templates/${(await hzTemplate()).id}` } },
);


// ——— 工作日历 (issue 10): every staff member reads; only the province's system administrator writes. ———
let calendarDay = 0;
/** A Saturday of 2031 (no demo data that year), a fresh one for each call, recorded as 调休上班 by the system administrator. */
const workedSaturday = async () => {
  const date = new Date(Date.UTC(2031, 0, 4 + 7 * calendarDay++)).toISOString().slice(0, 10);
  const r = await t.call('PUT', `/api/calendar/days/${date}`, { cookie: await as('demo-sysadmin'), body: { kind: 'workday', name: '调休' } });
  expect(r.statusCode, r.body).toBe(200);
  return date;
};
cases.push(
  { method: 'GET', route: '/api/calendar/days', ok: { actor: 'demo-hangzhou', url: () => '/api/calendar/days?year=2026' }, forbidden: { actor: 'demo-auditor', url: () => '/api/calendar/days?year=2026' } },
  { method: 'POST', route: '/api/exports/calendar-days.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/calendar-days.xlsx', body: () => ({ year: 2026 }) }, forbidden: { actor: 'demo-auditor', url: () => '/api/exports/calendar-days.xlsx', body: () => ({ year: 2026 }) } },
  { method: 'GET', route: '/api/calendar/due', ok: { actor: 'demo-hangzhou', url: () => '/api/calendar/due?from=2026-02-13&workingDays=5' }, forbidden: { actor: 'demo-auditor', url: () => '/api/calendar/due?from=2026-02-13&workingDays=5' } },
  { method: 'PUT', route: '/api/calendar/days/:date', ok: { actor: 'demo-sysadmin', url: () => '/api/calendar/days/2031-10-01', body: () => ({ kind: 'holiday', name: '国庆节' }) }, forbidden: { actor: 'demo-province', url: () => '/api/calendar/days/2031-10-02', body: () => ({ kind: 'holiday', name: '国庆节' }) } },
  { method: 'DELETE', route: '/api/calendar/days/:date', ok: { actor: 'demo-sysadmin', url: async () => `/api/calendar/days/${await workedSaturday()}`, status: 204 }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/calendar/days/${await workedSaturday()}` } },
);

// ——— 问卷调查 (issue 10): a city runs its own surveys; another city is refused them. ———
const H = async () => as('demo-hangzhou');
const surveyBody = () => ({ orgId: f.hangzhou.id, title: `测试问卷${++counter}`, bySms: false, byWeb: true, audience: { orgIds: [f.hangzhou.id], who: ['secretaries'] }, questions: [{ kind: 'text', text: '您有什么建议？' }] });
const hzSurvey = async () => (await t.call('POST', '/api/surveys', { cookie: await H(), body: surveyBody() })).json();
let opened: Promise<{ id: string; token: string; replyId: string }> | null = null;
/** An open Hangzhou survey (web form only) with one answer, made once. */
const openHz = () => (opened ??= (async () => {
  const s = await hzSurvey();
  await t.call('POST', `/api/surveys/${s.id}/open`, { cookie: await H() });
  await t.ctx.jobs.drain();
  const inv = await t.ctx.db.selectFrom('survey_invitations').select('token').where('survey_id', '=', s.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
  const q = s.questions[0].id;
  const r = await t.call('POST', `/api/public/survey-forms/${inv.token}`, { body: { answers: [{ questionId: q, text: '希望加强村级组织阵地建设' }] } });
  expect(r.statusCode, r.body).toBe(200);
  const reply = await t.ctx.db.selectFrom('survey_replies').select('id').where('survey_id', '=', s.id).executeTakeFirstOrThrow();
  return { id: s.id, token: inv.token, replyId: reply.id };
})());
const categoryBody = () => ({ name: `分类${++counter}`, rules: [{ kind: 'any', words: ['阵地'] }] });
const hzCategory = async () => { const s = await openHz(); return { s, c: (await t.call('POST', `/api/surveys/${s.id}/categories`, { cookie: await H(), body: categoryBody() })).json() }; };
const formAnswer = async () => { const s = await openHz(); const q = (await t.call('GET', `/api/public/survey-forms/${s.token}`)).json().questions[0].id; return { answers: [{ questionId: q, text: '多组织培训' }] }; };
let formBody: unknown = null;
cases.push(
  { method: 'GET', route: '/api/surveys', ok: { actor: 'demo-hangzhou', url: () => '/api/surveys' }, forbidden: { actor: 'demo-auditor', url: () => '/api/surveys' } },
  { method: 'POST', route: '/api/surveys', ok: { actor: 'demo-hangzhou', url: () => '/api/surveys', body: surveyBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/surveys', body: surveyBody } },
  { method: 'GET', route: '/api/surveys/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}` } },
  { method: 'PUT', route: '/api/surveys/:id', ok: { actor: 'demo-hangzhou', url: async () => { const s = await hzSurvey(); last = { id: s.id, updatedAt: String(s.version) }; return `/api/surveys/${s.id}`; }, body: () => ({ ...surveyBody(), version: Number(last.updatedAt) }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await hzSurvey()).id}`, body: () => ({ ...surveyBody(), version: 1 }) } },
  { method: 'DELETE', route: '/api/surveys/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await hzSurvey()).id}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await hzSurvey()).id}` } },
  { method: 'POST', route: '/api/surveys/:id/open', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await hzSurvey()).id}/open` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await hzSurvey()).id}/open` } },
  { method: 'POST', route: '/api/surveys/:id/close', ok: { actor: 'demo-hangzhou', url: async () => { const s = await hzSurvey(); await t.call('POST', `/api/surveys/${s.id}/open`, { cookie: await H() }); return `/api/surveys/${s.id}/close`; } }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/close` } },
  { method: 'GET', route: '/api/surveys/:id/categories', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/categories` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/categories` } },
  { method: 'POST', route: '/api/surveys/:id/categories', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/categories`, body: categoryBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/categories`, body: categoryBody } },
  { method: 'PUT', route: '/api/surveys/:id/categories/:categoryId', ok: { actor: 'demo-hangzhou', url: async () => { const { s, c } = await hzCategory(); return `/api/surveys/${s.id}/categories/${c.id}`; }, body: categoryBody }, forbidden: { actor: 'demo-ningbo', url: async () => { const { s, c } = await hzCategory(); return `/api/surveys/${s.id}/categories/${c.id}`; }, body: categoryBody } },
  { method: 'DELETE', route: '/api/surveys/:id/categories/:categoryId', ok: { actor: 'demo-hangzhou', url: async () => { const { s, c } = await hzCategory(); return `/api/surveys/${s.id}/categories/${c.id}`; }, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => { const { s, c } = await hzCategory(); return `/api/surveys/${s.id}/categories/${c.id}`; } } },
  { method: 'PUT', route: '/api/surveys/:id/categories-order', ok: { actor: 'demo-hangzhou', url: async () => { const s = await hzSurvey(); const c = (await t.call('POST', `/api/surveys/${s.id}/categories`, { cookie: await H(), body: categoryBody() })).json(); last = { id: c.id, updatedAt: '' }; return `/api/surveys/${s.id}/categories-order`; }, body: () => ({ ids: [last.id] }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/categories-order`, body: () => ({ ids: [] }) } },
  { method: 'PUT', route: '/api/surveys/:id/words', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/words`, body: () => ({ words: [{ word: '两委班子' }] }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/words`, body: () => ({ words: [] }) } },
  { method: 'GET', route: '/api/surveys/:id/replies', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/replies` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/replies?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/surveys/replies/:replyId', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/replies/${(await openHz()).replyId}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/replies/${(await openHz()).replyId}` } },
  { method: 'GET', route: '/api/surveys/:id/replies/:replyId/history', ok: { actor: 'demo-hangzhou', url: async () => { const s = await openHz(); return `/api/surveys/${s.id}/replies/${s.replyId}/history`; } }, forbidden: { actor: 'demo-ningbo', url: async () => { const s = await openHz(); return `/api/surveys/${s.id}/replies/${s.replyId}/history`; } } },
  { method: 'POST', route: '/api/surveys/:id/recategorize', ok: { actor: 'demo-hangzhou', url: async () => { const s = await openHz(); last = { id: s.replyId, updatedAt: '' }; return `/api/surveys/${s.id}/recategorize`; }, body: () => ({ replyIds: [last.id], categoryId: 'other' }) }, forbidden: { actor: 'demo-ningbo', url: async () => { const s = await openHz(); last = { id: s.replyId, updatedAt: '' }; return `/api/surveys/${s.id}/recategorize`; }, body: () => ({ replyIds: [last.id], categoryId: 'other' }) } },
  { method: 'GET', route: '/api/surveys/:id/results', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/results` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/results` } },
  { method: 'GET', route: '/api/surveys/:id/results/timeline', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/results/timeline` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/results/timeline` } },
  { method: 'GET', route: '/api/surveys/:id/results/words', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/results/words` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/results/words` } },
  { method: 'POST', route: '/api/surveys/:id/dispatch', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/dispatch`, body: () => ({ all: true, dueInWorkingDays: 5 }), status: 202 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/dispatch`, body: () => ({ all: true, dueInWorkingDays: 5 }) } },
  { method: 'POST', route: '/api/surveys/:id/themes', ok: { actor: 'demo-hangzhou', url: async () => { const s = await hzSurvey(); await t.call('POST', `/api/surveys/${s.id}/open`, { cookie: await H() }); return `/api/surveys/${s.id}/themes`; }, status: 202 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/themes` } },
  { method: 'GET', route: '/api/surveys/:id/themes', ok: { actor: 'demo-hangzhou', url: async () => `/api/surveys/${(await openHz()).id}/themes` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/surveys/${(await openHz()).id}/themes` } },
  { method: 'POST', route: '/api/exports/survey-replies.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/survey-replies.xlsx', body: async () => ({ surveyId: (await openHz()).id }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/survey-replies.xlsx', body: async () => ({ surveyId: (await openHz()).id }) } },
  { method: 'POST', route: '/api/exports/survey-results.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/survey-results.xlsx', body: async () => ({ surveyId: (await openHz()).id }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/survey-results.xlsx', body: async () => ({ surveyId: (await openHz()).id }) } },
  { method: 'GET', route: '/api/public/surveys', public: true, ok: { actor: '', url: () => '/api/public/surveys' }, forbidden: { none: 'published results are public' } },
  { method: 'GET', route: '/api/public/surveys/:id/results', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'published results are public; a survey not published is 404; the small-group rule: surveys.scale.test.ts' } },
  { method: 'GET', route: '/api/public/survey-forms/:token', public: true, ok: { actor: '', url: async () => `/api/public/survey-forms/${(await openHz()).token}` }, forbidden: { none: 'the personal link is the key (no sign-in); unknown tokens are 404 (surveys.test.ts)' } },
  { method: 'POST', route: '/api/public/survey-forms/:token', public: true, ok: { actor: '', url: async () => { formBody = await formAnswer(); return `/api/public/survey-forms/${(await openHz()).token}`; }, body: () => formBody }, forbidden: { none: 'the personal link is the key (no sign-in)' } },
);

// ——— 应急动员 (issue 10, item 4): a city's staff send and read their alerts; another city is refused. ———
const alertBody = () => ({ kind: 'typhoon', title: '台风防御紧急通知', text: '台风今夜登陆，请立即组织转移。', audience: { orgIds: [f.hzBranch], who: ['secretaries'] } });
const hzAlert = async () => {
  const r = await t.call('POST', '/api/emergency/alerts', { cookie: await as('demo-hangzhou'), body: alertBody() });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
let sharedAlert: Promise<string> | null = null;
const theAlert = () => (sharedAlert ??= hzAlert());
cases.push(
  { method: 'POST', route: '/api/emergency/alerts', ok: { actor: 'demo-hangzhou', url: () => '/api/emergency/alerts', body: alertBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/emergency/alerts', body: alertBody } },
  { method: 'GET', route: '/api/emergency/alerts', ok: { actor: 'demo-hangzhou', url: () => '/api/emergency/alerts' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/emergency/alerts' } },
  { method: 'GET', route: '/api/emergency/alerts/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/emergency/alerts/${await theAlert()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/emergency/alerts/${await theAlert()}` } },
  { method: 'GET', route: '/api/emergency/alerts/:id/orgs', ok: { actor: 'demo-hangzhou', url: async () => `/api/emergency/alerts/${await theAlert()}/orgs` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/emergency/alerts/${await theAlert()}/orgs` } },
  { method: 'GET', route: '/api/emergency/alerts/:id/unconfirmed', ok: { actor: 'demo-hangzhou', url: async () => `/api/emergency/alerts/${await theAlert()}/unconfirmed` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/emergency/alerts/${await theAlert()}/unconfirmed` } },
  { method: 'GET', route: '/api/emergency/alerts/:id/replies', ok: { actor: 'demo-hangzhou', url: async () => `/api/emergency/alerts/${await theAlert()}/replies` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/emergency/alerts/${await theAlert()}/replies` } },
  { method: 'POST', route: '/api/emergency/alerts/:id/close', ok: { actor: 'demo-hangzhou', url: async () => `/api/emergency/alerts/${await hzAlert()}/close`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/emergency/alerts/${await hzAlert()}/close` } },
);

// ——— contacts (通讯录: 党内职务, 村干部名册, 联系人分组, 退订), issue 9 ———
const P = async () => as('demo-province');
const hzMemberOrg = async () => (await t.ctx.db.selectFrom('members').select('org_id').where('id', '=', f.hzMember).executeTakeFirstOrThrow()).org_id;
/** An ended post of the Hangzhou member (no current-post rule applies), made afresh for each call. */
const endedPostBody = async () => ({ memberId: f.hzMember, orgId: await hzMemberOrg(), position: 'committee_member', startedOn: '2015-01-01', endedOn: '2016-01-01' });
const hzPost = async () => (await t.call('POST', '/api/contacts/positions', { cookie: await P(), body: await endedPostBody() })).json();
const hzVillageId = async () => (await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).where('sector', '=', 'rural').where('level', '=', 'grassroots').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const officialBody = async () => ({ orgId: await hzVillageId(), name: '周美华', role: 'two_committees', phone: '13957108866', startedOn: '2024-01-05' });
const hzOfficial = async () => (await t.call('POST', '/api/contacts/officials', { cookie: await P(), body: await officialBody() })).json();
const groupBody = () => ({ orgId: f.hangzhou.id, name: `测试分组${++counter}` });
const hzGroup = async () => (await t.call('POST', '/api/contacts/groups', { cookie: await P(), body: groupBody() })).json();
let last: { id: string; updatedAt: string } = { id: '', updatedAt: '' };
const fresh = (make: () => Promise<{ id: string; updatedAt: string }>, base: string) => async () => `${base}/${(last = await make()).id}`;
const hzEntry = async () => {
  const g = await hzGroup();
  const e = (await t.call('POST', `/api/contacts/groups/${g.id}/entries`, { cookie: await P(), body: { name: '陈立新', phone: '13805712345' } })).json();
  return `/api/contacts/groups/${g.id}/entries/${e.id}`;
};
cases.push(
  { method: 'GET', route: '/api/contacts/positions', ok: { actor: 'demo-hangzhou', url: () => `/api/contacts/positions?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/contacts/positions?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/contacts/positions', ok: { actor: 'demo-hangzhou', url: () => '/api/contacts/positions', body: endedPostBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/contacts/positions', body: endedPostBody } },
  { method: 'PATCH', route: '/api/contacts/positions/:id', ok: { actor: 'demo-hangzhou', url: fresh(hzPost, '/api/contacts/positions'), body: () => ({ updatedAt: last.updatedAt, note: '补录' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/positions/${(await hzPost()).id}`, body: () => ({ updatedAt: 'x', note: '越权' }) } },
  { method: 'DELETE', route: '/api/contacts/positions/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/positions/${(await hzPost()).id}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/positions/${(await hzPost()).id}` } },
  { method: 'GET', route: '/api/contacts/officials', ok: { actor: 'demo-hangzhou', url: () => `/api/contacts/officials?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/contacts/officials?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/contacts/officials/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}` } },
  { method: 'POST', route: '/api/contacts/officials', ok: { actor: 'demo-hangzhou', url: () => '/api/contacts/officials', body: officialBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/contacts/officials', body: officialBody } },
  { method: 'PATCH', route: '/api/contacts/officials/:id', ok: { actor: 'demo-hangzhou', url: fresh(hzOfficial, '/api/contacts/officials'), body: () => ({ updatedAt: last.updatedAt, title: '村委委员' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}`, body: () => ({ updatedAt: 'x', name: '越权' }) } },
  { method: 'DELETE', route: '/api/contacts/officials/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}` } },
  { method: 'POST', route: '/api/contacts/officials/:id/reveal', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}/reveal` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/officials/${(await hzOfficial()).id}/reveal` } },
  { method: 'GET', route: '/api/contacts/groups', ok: { actor: 'demo-hangzhou', url: () => `/api/contacts/groups?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/contacts/groups?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/contacts/groups/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/groups/${(await hzGroup()).id}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/groups/${(await hzGroup()).id}` } },
  { method: 'POST', route: '/api/contacts/groups', ok: { actor: 'demo-hangzhou', url: () => '/api/contacts/groups', body: groupBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/contacts/groups', body: groupBody } },
  { method: 'PATCH', route: '/api/contacts/groups/:id', ok: { actor: 'demo-hangzhou', url: fresh(hzGroup, '/api/contacts/groups'), body: () => ({ updatedAt: last.updatedAt, description: '工作通知' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/groups/${(await hzGroup()).id}`, body: () => ({ updatedAt: 'x', name: '越权' }) } },
  { method: 'DELETE', route: '/api/contacts/groups/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/groups/${(await hzGroup()).id}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/groups/${(await hzGroup()).id}` } },
  { method: 'GET', route: '/api/contacts/groups/:id/entries', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/groups/${(await hzGroup()).id}/entries` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/groups/${(await hzGroup()).id}/entries` } },
  { method: 'POST', route: '/api/contacts/groups/:id/entries', ok: { actor: 'demo-hangzhou', url: async () => `/api/contacts/groups/${(await hzGroup()).id}/entries`, body: () => ({ memberId: f.hzMember }), status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/contacts/groups/${(await hzGroup()).id}/entries`, body: () => ({ memberId: f.hzMember }) } },
  { method: 'DELETE', route: '/api/contacts/groups/:id/entries/:entryId', ok: { actor: 'demo-hangzhou', url: hzEntry, status: 204 }, forbidden: { actor: 'demo-ningbo', url: hzEntry } },
  { method: 'POST', route: '/api/contacts/groups/:id/entries/:entryId/reveal', ok: { actor: 'demo-hangzhou', url: async () => `${await hzEntry()}/reveal` }, forbidden: { actor: 'demo-ningbo', url: async () => `${await hzEntry()}/reveal` } },
  { method: 'GET', route: '/api/contacts/people', ok: { actor: 'demo-hangzhou', url: () => `/api/contacts/people?q=${encodeURIComponent('王')}&orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/contacts/people?q=${encodeURIComponent('王')}&orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/exports/party-positions.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/party-positions.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/party-positions.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
  { method: 'POST', route: '/api/exports/village-officials.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/village-officials.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/village-officials.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
  { method: 'POST', route: '/api/contacts/optouts', ok: { actor: 'demo-hangzhou', url: () => '/api/contacts/optouts', body: () => ({ kind: 'member', id: f.hzMember, optedOut: true, reason: '本人要求' }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/contacts/optouts', body: () => ({ kind: 'member', id: f.hzMember, optedOut: true, reason: '越权' }) } },
);
// ——— 跟踪督办 (issue 10, item 3): each row works on a Hangzhou item of its own, opened by the province. ———
let followupSeq = 0;
async function hzFollowup(): Promise<string> {
  const a = await t.ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', 'demo-province').executeTakeFirstOrThrow();
  const root = await t.ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const actor = {
    accountId: a.id, username: a.username, displayName: a.display_name, kind: 'staff' as const, demo: true, memberId: null, sessionId: '1', mfaPassed: true,
    mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: '0', role: 'org_admin' as const, orgId: root.id, orgPath: root.path, orgName: root.name }],
  };
  return (await openItem(t.ctx, actor, { source: 'test.endpoints', sourceId: String(++followupSeq), title: '端点测试事项', ownerOrgId: f.hangzhou.id, dueInWorkingDays: 5 })).id;
}
const hzCounty = async () => (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', f.hangzhou.id).where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const PDF_FILE = Buffer.from('%PDF-1.4\n%%EOF\n');
const hzAccount = async () => (await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'demo-hangzhou').executeTakeFirstOrThrow()).id;
/** A Hangzhou item with a PDF uploaded by demo-hangzhou: the attachment's URL. */
async function hzAttachment(): Promise<string> {
  const id = await hzFollowup();
  const res = await t.call('POST', `/api/followups/${id}/attachments?fileName=a.pdf`, { cookie: await as('demo-hangzhou'), body: PDF_FILE, headers: { 'content-type': 'application/pdf' } });
  return `/api/followups/${id}/attachments/${res.json().id}`;
}
let watchedItem = '';
const watched = async () => {
  watchedItem = await hzFollowup();
  await t.call('POST', `/api/followups/${watchedItem}/watch`, { cookie: await as('demo-hangzhou') });
  return `/api/followups/${watchedItem}/watch`;
};
cases.push(
  { method: 'GET', route: '/api/followups', ok: { actor: 'demo-hangzhou', url: () => `/api/followups?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/followups?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/followups/sources', ok: { actor: 'demo-hangzhou', url: () => '/api/followups/sources' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/followups/sources' } },
  { method: 'GET', route: '/api/followups/progress', ok: { actor: 'demo-hangzhou', url: () => `/api/followups/progress?parentId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/followups/progress?parentId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/followups/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}` } },
  { method: 'GET', route: '/api/followups/:id/assignees', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/assignees` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/assignees` } },
  { method: 'POST', route: '/api/followups/:id/pass', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/pass`, body: async () => ({ toOrgId: await hzCounty(), reason: '属地办理' }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/pass`, body: async () => ({ toOrgId: await hzCounty(), reason: '越权' }) } },
  { method: 'POST', route: '/api/followups/:id/close', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/close`, body: () => ({ outcome: 'resolved', note: '已解决' }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/close`, body: () => ({ outcome: 'resolved', note: '越权' }) } },
  { method: 'POST', route: '/api/followups/:id/notes', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/notes`, body: () => ({ text: '已联系' }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/notes`, body: () => ({ text: '越权' }) } },
  { method: 'POST', route: '/api/followups/:id/assign', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/assign`, body: async () => ({ accountId: await hzAccount() }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/assign`, body: () => ({ accountId: null }) } },
  { method: 'POST', route: '/api/followups/:id/watch', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/watch`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/watch` } },
  { method: 'DELETE', route: '/api/followups/:id/watch', ok: { actor: 'demo-hangzhou', url: watched, status: 204 }, forbidden: { actor: 'demo-ningbo', url: watched } },
  { method: 'POST', route: '/api/followups/:id/attachments', ok: { actor: 'demo-hangzhou', url: async () => `/api/followups/${await hzFollowup()}/attachments?fileName=a.pdf`, body: () => PDF_FILE, status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/followups/${await hzFollowup()}/attachments?fileName=a.pdf`, body: () => PDF_FILE } },
  { method: 'GET', route: '/api/followups/:id/attachments/:attachmentId', ok: { actor: 'demo-hangzhou', url: hzAttachment }, forbidden: { actor: 'demo-ningbo', url: hzAttachment } },
  { method: 'DELETE', route: '/api/followups/:id/attachments/:attachmentId', ok: { actor: 'demo-hangzhou', url: hzAttachment, status: 204 }, forbidden: { actor: 'demo-ningbo', url: hzAttachment } },
  { method: 'POST', route: '/api/exports/followups.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/followups.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/followups.xlsx', body: () => qs(`orgId=${f.hangzhou.id}`) } },
);

// Safety of public input (safety module): the word list (security administrator), moderation, the public routes.
registerModerationKind('matrix.probe', { label: { zh: '接口矩阵测试', en: 'Endpoint matrix probe' }, onDecided: async () => undefined });
let probeCount = 0;
async function hzHeld(): Promise<string> {
  return (await t.ctx.db.transaction().execute((trx) => submitModeration(t.ctx, trx, { kind: 'matrix.probe', refId: `p${++probeCount}`, orgId: f.hangzhou.id, excerpt: '待审核内容', reasons: [] }))).id;
}
async function aWord(): Promise<string> {
  await t.call('POST', '/api/safety/words', { cookie: await as('demo-secadmin'), body: { words: [`矩阵测试词${++probeCount}`] } });
  return (await t.call('GET', `/api/safety/words?q=${encodeURIComponent(`矩阵测试词${probeCount}`)}`, { cookie: await as('demo-secadmin') })).json().items[0].id;
}
cases.push(
  { method: 'GET', route: '/api/safety/words', ok: { actor: 'demo-secadmin', url: () => '/api/safety/words' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/safety/words' } },
  { method: 'POST', route: '/api/safety/words', ok: { actor: 'demo-secadmin', url: () => '/api/safety/words', body: () => ({ words: ['矩阵敏感词'] }) }, forbidden: { actor: 'demo-province', url: () => '/api/safety/words', body: () => ({ words: ['越权'] }) } },
  { method: 'DELETE', route: '/api/safety/words/:id', ok: { actor: 'demo-secadmin', url: async () => `/api/safety/words/${await aWord()}`, status: 204 }, forbidden: { actor: 'demo-province', url: async () => `/api/safety/words/${await aWord()}` } },
  { method: 'POST', route: '/api/safety/words/test', ok: { actor: 'demo-secadmin', url: () => '/api/safety/words/test', body: () => ({ text: '一段文字' }) }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/safety/words/test', body: () => ({ text: '一段文字' }) } },
  { method: 'GET', route: '/api/moderation', ok: { actor: 'demo-hangzhou', url: () => `/api/moderation?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/moderation?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/moderation/:id/approve', ok: { actor: 'demo-hangzhou', url: async () => `/api/moderation/${await hzHeld()}/approve`, body: () => ({}), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/moderation/${await hzHeld()}/approve`, body: () => ({}) } },
  { method: 'POST', route: '/api/moderation/:id/reject', ok: { actor: 'demo-hangzhou', url: async () => `/api/moderation/${await hzHeld()}/reject`, body: () => ({ reason: '不宜公开' }), status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/moderation/${await hzHeld()}/reject`, body: () => ({ reason: '越权' }) } },
  { method: 'POST', route: '/api/exports/sensitive-words.xlsx', ok: { actor: 'demo-secadmin', url: () => '/api/exports/sensitive-words.xlsx', body: () => ({}) }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/exports/sensitive-words.xlsx', body: () => ({}) } },
  { method: 'POST', route: '/api/public/captcha', public: true, ok: { actor: '', url: () => '/api/public/captcha' }, forbidden: { none: 'public' } },
  { method: 'POST', route: '/api/public/phone-code', public: true, ok: { actor: '', url: () => '/api/public/phone-code', body: () => ({ phone: '13900008888' }), status: 202 }, forbidden: { none: 'public' } },
  { method: 'POST', route: '/api/public/phone-verify', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'public; success needs the code sent: safety.test.ts' } },
);

// 部长信箱 (mailbox module): letters made by the module's own command (a verified phone is the safety module's, tested there).
async function hzLetter(): Promise<{ id: string; trackingCode: string }> {
  return submitLetter(t.ctx, f.hangzhou.id, '13900007777', null, { category: 'suggestion', title: '矩阵测试来信', body: '内容', consentPublish: false });
}
async function hzHandling(): Promise<string> {
  const l = await hzLetter();
  await t.call('POST', `/api/mailbox/letters/${l.id}/accept`, { cookie: await as('demo-hangzhou'), body: {} });
  return l.id;
}
const PUBLICATION = { title: '公开标题', body: '公开内容', answer: '公开答复' };
async function hzAnswered(): Promise<string> {
  const l = await submitLetter(t.ctx, f.hangzhou.id, '13900007777', null, { category: 'suggestion', title: '矩阵测试来信', body: '内容', consentPublish: true });
  await t.call('POST', `/api/mailbox/letters/${l.id}/accept`, { cookie: await as('demo-hangzhou'), body: {} });
  await t.call('PUT', `/api/mailbox/letters/${l.id}/answer-draft`, { cookie: await as('demo-hangzhou'), body: { text: '答复' } });
  await t.call('POST', `/api/mailbox/letters/${l.id}/approve`, { cookie: await as('demo-province'), body: { outcome: 'resolved' } });
  return l.id;
}
async function hzPublished(): Promise<string> {
  const id = await hzAnswered();
  await t.call('POST', `/api/mailbox/letters/${id}/publish`, { cookie: await as('demo-hangzhou'), body: PUBLICATION });
  return id;
}
async function hzDrafted(): Promise<string> {
  const id = await hzHandling();
  await t.call('PUT', `/api/mailbox/letters/${id}/answer-draft`, { cookie: await as('demo-hangzhou'), body: { text: '答复' } });
  return id;
}
cases.push(
  { method: 'GET', route: '/api/public/mailboxes', public: true, ok: { actor: '', url: () => '/api/public/mailboxes' }, forbidden: { none: 'public' } },
  { method: 'POST', route: '/api/public/mailboxes/:orgId/letters', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'public; success needs a verified phone: mailbox.test.ts' } },
  { method: 'POST', route: '/api/public/letters/lookup', public: true, ok: { actor: '', url: () => '/api/public/letters/lookup', body: async () => ({ trackingCode: (await hzLetter()).trackingCode }) }, forbidden: { none: 'public' } },
  { method: 'GET', route: '/api/mailbox/letters', ok: { actor: 'demo-hangzhou', url: () => `/api/mailbox/letters?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/mailbox/letters?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/mailbox/letters/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${(await hzLetter()).id}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${(await hzLetter()).id}` } },
  { method: 'POST', route: '/api/mailbox/letters/:id/accept', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${(await hzLetter()).id}/accept`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${(await hzLetter()).id}/accept`, body: () => ({}) } },
  { method: 'POST', route: '/api/mailbox/letters/:id/decline', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${(await hzLetter()).id}/decline`, body: () => ({ kind: 'not_ours', note: '请向信访部门反映' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${(await hzLetter()).id}/decline`, body: () => ({ kind: 'not_ours', note: '越权' }) } },
  { method: 'PUT', route: '/api/mailbox/letters/:id/answer-draft', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${await hzHandling()}/answer-draft`, body: () => ({ text: '答复' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${await hzHandling()}/answer-draft`, body: () => ({ text: '越权' }) } },
  { method: 'POST', route: '/api/mailbox/letters/:id/approve', ok: { actor: 'demo-province', url: async () => `/api/mailbox/letters/${await hzDrafted()}/approve`, body: () => ({ outcome: 'resolved' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${await hzDrafted()}/approve`, body: () => ({ outcome: 'resolved' }) } },
  { method: 'GET', route: '/api/mailbox/letters/:id/publication-draft', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${await hzAnswered()}/publication-draft` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${await hzAnswered()}/publication-draft` } },
  { method: 'POST', route: '/api/mailbox/letters/:id/publish', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${await hzAnswered()}/publish`, body: () => PUBLICATION }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${await hzAnswered()}/publish`, body: () => PUBLICATION } },
  { method: 'POST', route: '/api/mailbox/letters/:id/unpublish', ok: { actor: 'demo-hangzhou', url: async () => `/api/mailbox/letters/${await hzPublished()}/unpublish`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/mailbox/letters/${await hzPublished()}/unpublish` } },
  { method: 'GET', route: '/api/mailbox/stats', ok: { actor: 'demo-hangzhou', url: () => `/api/mailbox/stats?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/mailbox/stats?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/public/letters', public: true, ok: { actor: '', url: () => '/api/public/letters' }, forbidden: { none: 'public' } },
  { method: 'GET', route: '/api/public/letters/:id', public: true, ok: { actor: '', url: async () => `/api/public/letters/${await hzPublished()}` }, forbidden: { none: 'public' } },
);

// ——— 党务、村务、财务公开 (issue 11, item 2): a Hangzhou village's items and a Hangzhou township's calendar. ———
const hzVillage = async () => (await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).where('level', '=', 'grassroots')
  .where('sector', '=', 'rural').where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const hzTownship = async () => (await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).where('level', '=', 'township')
  .orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const disclosureBody = async () => ({ orgId: await hzVillage(), kind: 'party', period: '2026-Q4', title: '端点测试党务公开', bodyHtml: '<p>党员大会情况。</p>' });
async function hzDisclosure(publish = false): Promise<string> {
  const cookie = await as('demo-hangzhou');
  const id = (await t.call('POST', '/api/disclosures', { cookie, body: await disclosureBody() })).json().id as string;
  if (publish) await t.call('POST', `/api/disclosures/${id}/publish`, { cookie });
  return id;
}
async function hzDisclosureAttachment(): Promise<string> {
  // Uploaded to the draft, then published with version 1 (a file uploaded after publication is public with the next version).
  const id = await hzDisclosure();
  const res = await t.call('POST', `/api/disclosures/${id}/attachments?fileName=a.pdf`, { cookie: await as('demo-hangzhou'), body: PDF_FILE, headers: { 'content-type': 'application/pdf' } });
  await t.call('POST', `/api/disclosures/${id}/publish`, { cookie: await as('demo-hangzhou') });
  return `/api/disclosures/${id}/attachments/${res.json().id}`;
}
let boardPlanSeq = 0;
/** A plan of its own kind and year, for the board's export (hzPlan's months are used up by the plan routes' cases). */
async function hzBoardPlan(): Promise<string> {
  const month = String((boardPlanSeq++ % 12) + 1).padStart(2, '0');
  const res = await t.call('POST', '/api/disclosures/plans', { cookie: await as('demo-hangzhou'), body: { orgId: await hzTownship(), kind: 'party', period: `2023-${month}`, dueOn: '2026-01-10' } });
  return res.json().id;
}
let planSeq = 0;
async function hzPlan(): Promise<string> {
  const month = String((planSeq++ % 12) + 1).padStart(2, '0');
  const res = await t.call('POST', '/api/disclosures/plans', { cookie: await as('demo-hangzhou'), body: { orgId: await hzTownship(), kind: 'village', period: `2025-${month}`, dueOn: '2026-01-10' } });
  return res.json().id;
}
const planBody = async () => ({ orgId: await hzTownship(), kind: 'finance', period: `2024-${String((planSeq++ % 12) + 1).padStart(2, '0')}`, dueOn: '2026-01-10' });
cases.push(
  { method: 'GET', route: '/api/disclosures', ok: { actor: 'demo-hangzhou', url: () => `/api/disclosures?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/disclosures?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/disclosures', ok: { actor: 'demo-hangzhou', url: () => '/api/disclosures', body: disclosureBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/disclosures', body: disclosureBody } },
  { method: 'GET', route: '/api/disclosures/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/${await hzDisclosure()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/${await hzDisclosure()}` } },
  { method: 'PUT', route: '/api/disclosures/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/${await hzDisclosure()}`, body: () => ({ version: 0, title: '修改', bodyHtml: '<p>修改</p>' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/${await hzDisclosure()}`, body: () => ({ version: 0, title: '越权', bodyHtml: '<p>越权</p>' }) } },
  { method: 'POST', route: '/api/disclosures/:id/publish', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/${await hzDisclosure()}/publish` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/${await hzDisclosure()}/publish` } },
  { method: 'POST', route: '/api/disclosures/:id/withdraw', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/${await hzDisclosure(true)}/withdraw`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/${await hzDisclosure(true)}/withdraw` } },
  { method: 'POST', route: '/api/disclosures/:id/attachments', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/${await hzDisclosure()}/attachments?fileName=a.pdf`, body: () => PDF_FILE, status: 201 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/${await hzDisclosure()}/attachments?fileName=a.pdf`, body: () => PDF_FILE } },
  { method: 'GET', route: '/api/disclosures/:id/attachments/:attachmentId', ok: { actor: 'demo-hangzhou', url: hzDisclosureAttachment }, forbidden: { actor: 'demo-ningbo', url: hzDisclosureAttachment } },
  { method: 'DELETE', route: '/api/disclosures/:id/attachments/:attachmentId', ok: { actor: 'demo-hangzhou', url: hzDisclosureAttachment }, forbidden: { actor: 'demo-ningbo', url: hzDisclosureAttachment } },
  { method: 'POST', route: '/api/exports/disclosures.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/disclosures.xlsx', body: () => ({ orgId: f.hangzhou.id }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/disclosures.xlsx', body: () => ({ orgId: f.hangzhou.id }) } },
  { method: 'POST', route: '/api/exports/disclosure-board.xlsx', ok: { actor: 'demo-hangzhou', url: () => '/api/exports/disclosure-board.xlsx', body: async () => ({ planId: await hzBoardPlan() }) }, forbidden: { actor: 'demo-ningbo', url: () => '/api/exports/disclosure-board.xlsx', body: async () => ({ planId: await hzBoardPlan() }) } },
  { method: 'GET', route: '/api/disclosures/plans', ok: { actor: 'demo-hangzhou', url: () => `/api/disclosures/plans?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/disclosures/plans?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/disclosures/plans', ok: { actor: 'demo-hangzhou', url: () => '/api/disclosures/plans', body: planBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/disclosures/plans', body: planBody } },
  { method: 'DELETE', route: '/api/disclosures/plans/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/plans/${await hzPlan()}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/plans/${await hzPlan()}` } },
  { method: 'GET', route: '/api/disclosures/plans/:id/board', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/plans/${await hzPlan()}/board` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/plans/${await hzPlan()}/board` } },
  { method: 'GET', route: '/api/public/disclosures', public: true, ok: { actor: '', url: () => `/api/public/disclosures?q=${encodeURIComponent('党员大会')}` }, forbidden: { none: 'published items are public' } },
  { method: 'GET', route: '/api/public/disclosures/orgs', public: true, ok: { actor: '', url: () => '/api/public/disclosures/orgs' }, forbidden: { none: 'published items are public' } },
  { method: 'GET', route: '/api/public/disclosures/tv/:orgId', public: true, ok: { actor: '', url: async () => `/api/public/disclosures/tv/${await hzVillage()}` }, forbidden: { none: 'published items are public' } },
  { method: 'GET', route: '/api/public/disclosures/:id', public: true, ok: { actor: '', url: async () => `/api/public/disclosures/${await hzDisclosure(true)}` }, forbidden: { none: 'published items are public; drafts are 404 (disclosures.test.ts)' } },
  { method: 'GET', route: '/api/public/disclosures/:id/versions/:version', public: true, ok: { actor: '', url: async () => `/api/public/disclosures/${await hzDisclosure(true)}/versions/1` }, forbidden: { none: 'published items are public' } },
  { method: 'GET', route: '/api/public/disclosures/:id/attachments/:attachmentId', public: true, ok: { actor: '', url: async () => (await hzDisclosureAttachment()).replace('/api/', '/api/public/') }, forbidden: { none: 'attachments of published items are public' } },
);

// Questions from the public under a Hangzhou village's published item (asked through the module's own command; the
// verified phone is the safety module's, tested in disclosures.questions.test.ts), published by Hangzhou's moderator.
async function hzQuestion(publish = true): Promise<string> {
  const { id } = await askQuestion(t.ctx, await hzDisclosure(true), '13900006666', null, { body: '矩阵测试提问：工程何时开工？' });
  if (publish) {
    const cookie = await as('demo-hangzhou');
    const held = (await t.call('GET', '/api/moderation?state=held&kind=disclosures.question&limit=100', { cookie })).json().items.find((m: { refId: string }) => m.refId === id);
    await t.call('POST', `/api/moderation/${held.id}/approve`, { cookie, body: {} });
  }
  return id;
}
cases.push(
  { method: 'GET', route: '/api/disclosures/:id/questions', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/${await hzDisclosure(true)}/questions` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/${await hzDisclosure(true)}/questions` } },
  { method: 'GET', route: '/api/disclosures/questions/:questionId', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/questions/${await hzQuestion(false)}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/questions/${await hzQuestion(false)}` } },
  { method: 'PUT', route: '/api/disclosures/questions/:questionId/answer', ok: { actor: 'demo-hangzhou', url: async () => `/api/disclosures/questions/${await hzQuestion()}/answer`, body: () => ({ text: '计划明年开工。' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/disclosures/questions/${await hzQuestion()}/answer`, body: () => ({ text: '越权答复' }) } },
  { method: 'GET', route: '/api/public/disclosures/:id/questions', public: true, ok: { actor: '', url: async () => `/api/public/disclosures/${await hzDisclosure(true)}/questions` }, forbidden: { none: 'published questions are public' } },
  { method: 'POST', route: '/api/public/disclosures/:id/questions', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'public; success needs a verified phone: disclosures.questions.test.ts' } },
);

// 干部工作 (cadres module): recommendations and objections need a verified phone (cadres.test.ts); objections here by the module's own command.
const cadreBatchBody = () => ({ orgId: f.hangzhou.id, title: '矩阵测试批次', opensOn: chinaToday(new Date()), closesOn: '2099-12-31', posts: [{ name: '副部长', unit: '某部', headcount: 1, requirements: '中共党员' }] });
const cadreNoticeBody = () => ({ orgId: f.hangzhou.id, title: '矩阵测试公示', contact: '电话12380', candidates: [{ name: '张三', sex: 'male', birthYm: '1980-01', education: '大学', currentPost: '甲', proposedPost: '乙', bio: '简历' }] });
const cadreBatchUpdate = () => ({ ...cadreBatchBody(), orgId: undefined, title: '矩阵测试批次（修改）' });
const cadreNoticeRevision = () => ({ ...cadreNoticeBody(), orgId: undefined, title: '矩阵测试公示（更正）', version: 1 });
async function hzBatch(): Promise<string> {
  return (await t.call('POST', '/api/cadres/batches', { cookie: await as('demo-hangzhou'), body: cadreBatchBody() })).json().id;
}
async function hzNotice(ended = false): Promise<string> {
  const id = (await t.call('POST', '/api/cadres/notices', { cookie: await as('demo-hangzhou'), body: cadreNoticeBody() })).json().id as string;
  if (ended) await t.ctx.db.updateTable('cadre_notices').set({ objection_ends_on: '2000-01-01' }).where('id', '=', id).execute();
  return id;
}
async function hzObjection(): Promise<string> {
  const id = await hzNotice();
  await lodgeObjection(t.ctx, id, '13900006666', null, { body: '矩阵测试异议' });
  return (await t.ctx.db.selectFrom('cadre_objections').select('id').where('notice_id', '=', id).executeTakeFirstOrThrow()).id;
}
cases.push(
  { method: 'GET', route: '/api/cadres/batches', ok: { actor: 'demo-hangzhou', url: () => `/api/cadres/batches?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/cadres/batches?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/cadres/batches', ok: { actor: 'demo-hangzhou', url: () => '/api/cadres/batches', body: cadreBatchBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/cadres/batches', body: cadreBatchBody } },
  { method: 'GET', route: '/api/cadres/batches/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/batches/${await hzBatch()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/batches/${await hzBatch()}` } },
  { method: 'PUT', route: '/api/cadres/batches/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/batches/${await hzBatch()}`, body: cadreBatchUpdate }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/batches/${await hzBatch()}`, body: cadreBatchUpdate } },
  { method: 'POST', route: '/api/cadres/batches/:id/withdraw', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/batches/${await hzBatch()}/withdraw`, body: () => ({ reason: '岗位调整' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/batches/${await hzBatch()}/withdraw`, body: () => ({ reason: '越权' }) } },
  { method: 'GET', route: '/api/cadres/notices', ok: { actor: 'demo-hangzhou', url: () => `/api/cadres/notices?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/cadres/notices?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/cadres/notices', ok: { actor: 'demo-hangzhou', url: () => '/api/cadres/notices', body: cadreNoticeBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/cadres/notices', body: cadreNoticeBody } },
  { method: 'GET', route: '/api/cadres/notices/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/notices/${await hzNotice()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/notices/${await hzNotice()}` } },
  { method: 'PUT', route: '/api/cadres/notices/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/notices/${await hzNotice()}`, body: cadreNoticeRevision }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/notices/${await hzNotice()}`, body: cadreNoticeRevision } },
  { method: 'POST', route: '/api/cadres/notices/:id/withdraw', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/notices/${await hzNotice()}/withdraw`, body: () => ({ reason: '人选调整' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/notices/${await hzNotice()}/withdraw`, body: () => ({ reason: '越权' }) } },
  { method: 'GET', route: '/api/cadres/notices/:id/objections', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/notices/${await hzNotice()}/objections` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/notices/${await hzNotice()}/objections` } },
  { method: 'POST', route: '/api/cadres/objections/:id/reveal', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/objections/${await hzObjection()}/reveal`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/objections/${await hzObjection()}/reveal`, body: () => ({}) } },
  { method: 'POST', route: '/api/cadres/objections/:id/answer', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/objections/${await hzObjection()}/answer`, body: () => ({ note: '已核实' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/objections/${await hzObjection()}/answer`, body: () => ({ note: '越权' }) } },
  { method: 'POST', route: '/api/cadres/notices/:id/confirm', ok: { actor: 'demo-hangzhou', url: async () => `/api/cadres/notices/${await hzNotice(true)}/confirm`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/cadres/notices/${await hzNotice(true)}/confirm`, body: () => ({}) } },
  { method: 'GET', route: '/api/public/cadres/batches', public: true, ok: { actor: '', url: () => '/api/public/cadres/batches' }, forbidden: { none: 'open batches are public' } },
  { method: 'POST', route: '/api/public/cadres/posts/:postId/recommendations', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'public; success needs a verified phone: cadres.test.ts' } },
  { method: 'GET', route: '/api/public/cadres/notices', public: true, ok: { actor: '', url: () => '/api/public/cadres/notices' }, forbidden: { none: 'published notices are public' } },
  { method: 'GET', route: '/api/public/cadres/notices/:id', public: true, ok: { actor: '', url: async () => `/api/public/cadres/notices/${await hzNotice()}` }, forbidden: { none: 'published notices are public' } },
  { method: 'POST', route: '/api/public/cadres/notices/:id/objections', public: true, ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'public; success needs a verified phone: cadres.test.ts' } },
);

// 视频和文件资源: a small PDF uploaded in one chunk becomes ready at once (videos need the transcoding job: media.test.ts).
const TINY_PDF = Buffer.from('%PDF-1.4\n' + ' '.repeat(600) + '\n%%EOF\n');
async function hzMedia(opts: { visibility?: string; finish?: boolean } = {}): Promise<string> {
  const cookie = await as('demo-hangzhou');
  const id = (await t.call('POST', '/api/media/uploads', { cookie, body: { fileName: '学习材料.pdf', size: TINY_PDF.length, visibility: opts.visibility ?? 'staff' } })).json().id as string;
  if (opts.finish !== false) await t.call('PATCH', `/api/media/uploads/${id}`, { cookie, body: TINY_PDF, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' } });
  return id;
}
const uploadBody = () => ({ fileName: '党课.mp4', size: 1000 });
cases.push(
  { method: 'GET', route: '/api/media', ok: { actor: 'demo-hangzhou', url: () => '/api/media' }, forbidden: { actor: 'demo-ningbo', url: () => `/api/media?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/media/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/media/${await hzMedia()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/media/${await hzMedia()}` } },
  { method: 'PATCH', route: '/api/media/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/media/${await hzMedia()}`, body: () => ({ title: '新标题' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/media/${await hzMedia()}`, body: () => ({ title: '越权' }) } },
  { method: 'DELETE', route: '/api/media/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/media/${await hzMedia()}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/media/${await hzMedia()}` } },
  { method: 'GET', route: '/api/media/:id/access', public: true, ok: { actor: '', url: async () => `/api/media/${await hzMedia({ visibility: 'public' })}/access`, status: 204 }, forbidden: { none: 'the access rule itself: media.test.ts' } },
  { method: 'GET', route: '/api/media/:id/player', public: true, ok: { actor: '', url: async () => `/api/media/${await hzMedia({ visibility: 'public' })}/player` }, forbidden: { none: 'the access rule itself: media.test.ts' } },
  { method: 'POST', route: '/api/media/uploads', ok: { actor: 'demo-hangzhou', url: () => '/api/media/uploads', body: uploadBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/media/uploads', body: () => ({ ...uploadBody(), orgId: f.hangzhou.id }) } },
  { method: 'GET', route: '/api/media/uploads/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/media/uploads/${await hzMedia({ finish: false })}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/media/uploads/${await hzMedia({ finish: false })}` } },
  { method: 'PATCH', route: '/api/media/uploads/:id', ok: { actor: 'skip', url: () => '' }, forbidden: { actor: 'demo-member', url: async () => `/api/media/uploads/${await hzMedia({ finish: false })}` } },
);

// ——— 新闻宣传 (issue 12, F-73): Hangzhou's articles in each state, reviewed by the province (no self-approval). ———
const NEWS_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c30000000049454e44ae426082', 'hex');
const newsCategory = async () => (await t.ctx.db.selectFrom('news_categories').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const newsBody = async () => ({ orgId: f.hangzhou.id, categoryId: await newsCategory(), title: '矩阵测试稿件', bodyHtml: '<p>矩阵测试正文。</p>' });
async function hzArticle(state: 'draft' | 'submitted' | 'published' = 'draft'): Promise<string> {
  const cookie = await as('demo-hangzhou');
  const id = (await t.call('POST', '/api/news/articles', { cookie, body: await newsBody() })).json().id as string;
  if (state !== 'draft') await t.call('POST', `/api/news/articles/${id}/submit`, { cookie, body: {} });
  if (state === 'published') await t.call('POST', `/api/news/articles/${id}/approve`, { cookie: await as('demo-province'), body: {} });
  return id;
}
async function newsImage(): Promise<string> {
  return (await t.app.inject({ method: 'POST', url: '/api/news/images?fileName=c.png', headers: { cookie: await as('demo-hangzhou'), 'content-type': 'application/octet-stream' }, payload: NEWS_PNG })).json().id;
}
async function publishedImage(): Promise<string> {
  const img = await newsImage();
  const cookie = await as('demo-hangzhou');
  const id = (await t.call('POST', '/api/news/articles', { cookie, body: { ...(await newsBody()), coverImageId: img } })).json().id as string;
  await t.call('POST', `/api/news/articles/${id}/submit`, { cookie, body: {} });
  await t.call('POST', `/api/news/articles/${id}/approve`, { cookie: await as('demo-province'), body: {} });
  return img;
}
const episodeBody = () => ({ orgId: f.hangzhou.id, airAt: '2026-12-08T20:00:00+08:00', channel: '杭州综合频道', title: '矩阵测试节目' });
async function hzEpisode(): Promise<string> {
  return (await t.call('POST', '/api/news/tv', { cookie: await as('demo-hangzhou'), body: episodeBody() })).json().id;
}
cases.push(
  { method: 'GET', route: '/api/news/categories', ok: { actor: 'demo-hangzhou', url: () => '/api/news/categories' }, forbidden: { actor: 'demo-secretary', url: () => '/api/news/categories' } },
  { method: 'POST', route: '/api/news/categories', ok: { actor: 'demo-province', url: () => '/api/news/categories', body: () => ({ name: `矩阵栏目${Math.random().toString(36).slice(2, 8)}` }), status: 201 }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/news/categories', body: () => ({ name: '越权栏目' }) } },
  { method: 'PUT', route: '/api/news/categories/:id', ok: { actor: 'demo-province', url: async () => `/api/news/categories/${await newsCategory()}`, body: () => ({ name: '政策解读', sortOrder: 10 }) }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/news/categories/${await newsCategory()}`, body: () => ({ name: '越权' }) } },
  { method: 'GET', route: '/api/news/articles', ok: { actor: 'demo-hangzhou', url: () => `/api/news/articles?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/news/articles?orgId=${f.hangzhou.id}` } },
  { method: 'POST', route: '/api/news/articles', ok: { actor: 'demo-hangzhou', url: () => '/api/news/articles', body: newsBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/news/articles', body: newsBody } },
  { method: 'GET', route: '/api/news/articles/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/articles/${await hzArticle()}` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle()}` } },
  { method: 'PUT', route: '/api/news/articles/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/articles/${await hzArticle()}`, body: newsBody }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle()}`, body: newsBody } },
  { method: 'POST', route: '/api/news/articles/:id/submit', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/articles/${await hzArticle()}/submit` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle()}/submit` } },
  { method: 'POST', route: '/api/news/articles/:id/approve', ok: { actor: 'demo-province', url: async () => `/api/news/articles/${await hzArticle('submitted')}/approve`, body: () => ({}) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle('submitted')}/approve`, body: () => ({}) } },
  { method: 'POST', route: '/api/news/articles/:id/return', ok: { actor: 'demo-province', url: async () => `/api/news/articles/${await hzArticle('submitted')}/return`, body: () => ({ reason: '请修改' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle('submitted')}/return`, body: () => ({ reason: '越权' }) } },
  { method: 'POST', route: '/api/news/articles/:id/withdraw', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/articles/${await hzArticle('published')}/withdraw`, body: () => ({ reason: '撤稿' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle('published')}/withdraw`, body: () => ({ reason: '越权' }) } },
  { method: 'POST', route: '/api/news/articles/:id/corrections', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/articles/${await hzArticle('published')}/corrections`, body: () => ({ title: '更正后', bodyHtml: '<p>更正</p>', note: '特此更正' }) }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/articles/${await hzArticle('published')}/corrections`, body: () => ({ title: '越权', bodyHtml: '<p>越权</p>', note: '越权' }) } },
  { method: 'POST', route: '/api/news/images', ok: { actor: 'demo-hangzhou', url: () => '/api/news/images?fileName=c.png', body: () => NEWS_PNG, status: 201 }, forbidden: { actor: 'demo-secretary', url: () => '/api/news/images?fileName=c.png', body: () => NEWS_PNG } },
  { method: 'GET', route: '/api/news/images/:imageId', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/images/${await newsImage()}` }, forbidden: { actor: 'demo-secretary', url: async () => `/api/news/images/${await newsImage()}` } },
  { method: 'GET', route: '/api/news/tv', ok: { actor: 'demo-hangzhou', url: () => '/api/news/tv' }, forbidden: { actor: 'demo-secretary', url: () => '/api/news/tv' } },
  { method: 'POST', route: '/api/news/tv', ok: { actor: 'demo-hangzhou', url: () => '/api/news/tv', body: episodeBody, status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/news/tv', body: episodeBody } },
  { method: 'PUT', route: '/api/news/tv/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/tv/${await hzEpisode()}`, body: episodeBody }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/tv/${await hzEpisode()}`, body: episodeBody } },
  { method: 'DELETE', route: '/api/news/tv/:id', ok: { actor: 'demo-hangzhou', url: async () => `/api/news/tv/${await hzEpisode()}`, status: 204 }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/news/tv/${await hzEpisode()}` } },
  { method: 'POST', route: '/api/news/articles/:id/read', ok: { actor: 'demo-member', url: async () => `/api/news/articles/${await hzArticle('published')}/read` }, forbidden: { none: 'any member may read a published article; staff without a member record get 403 learning.not_member (news.reading.test.ts)' } },
  { method: 'GET', route: '/api/public/news/categories', public: true, ok: { actor: '', url: () => '/api/public/news/categories' }, forbidden: { none: 'public' } },
  { method: 'GET', route: '/api/public/news', public: true, ok: { actor: '', url: () => '/api/public/news' }, forbidden: { none: 'published articles are public' } },
  { method: 'GET', route: '/api/public/news/tv', public: true, ok: { actor: '', url: () => '/api/public/news/tv' }, forbidden: { none: 'the programme guide is public' } },
  { method: 'GET', route: '/api/public/news/images/:imageId', public: true, ok: { actor: '', url: async () => `/api/public/news/images/${await publishedImage()}` }, forbidden: { none: 'images of published articles are public; others 404 (news.test.ts)' } },
  { method: 'GET', route: '/api/public/news/:id', public: true, ok: { actor: '', url: async () => `/api/public/news/${await hzArticle('published')}` }, forbidden: { none: 'published articles are public; drafts are 404 (news.test.ts)' } },
);
// ——— 远程教育 (issue 12) ———
let learningSeq = 0;
const VIDEO_LESSON = { kind: 'video', title: '视频课时', videoUrl: 'https://video.example.cn/a.mp4', durationSeconds: 300 };
const firstTopic = async () => (await t.ctx.db.selectFrom('learning_topics').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const courseBody = async (orgId: string, withOrg = true) => ({ ...(withOrg ? { orgId } : {}), topicId: await firstTopic(), title: `测试课程${++learningSeq}`, audiences: ['member'] });
const lessonsOf = async (courseId: string) => (await t.ctx.db.selectFrom('learning_lessons').select('id').where('course_id', '=', courseId).where('removed_at', 'is', null).orderBy('position').execute()).map((r) => r.id);
async function newLesson(courseId: string, body: unknown = VIDEO_LESSON): Promise<string> {
  return (await t.call('POST', `/api/learning/courses/${courseId}/lessons`, { cookie: await as('demo-province'), body })).json().id;
}
/** A new draft course of Hangzhou's; with a lesson, and published, when asked. */
async function hzCourse(withLesson = false, published = false): Promise<string> {
  const id = (await t.call('POST', '/api/learning/courses', { cookie: await as('demo-hangzhou'), body: await courseBody(f.hangzhou.id) })).json().id as string;
  if (withLesson) await newLesson(id);
  if (published) await t.call('POST', `/api/learning/courses/${id}/publish`, { cookie: await as('demo-hangzhou') });
  return id;
}
let orderCourseId: string | undefined;
const orderCourse = async () => (orderCourseId ??= await hzCourse(true));
async function hzFile(): Promise<string> {
  return (await t.call('POST', `/api/learning/courses/${await hzCourse()}/files?fileName=a.pdf`, { cookie: await as('demo-hangzhou'), body: PDF_FILE })).json().id;
}
let memberCourseIds: { courseId: string; video: string; quiz: string; article: string } | undefined;
/** A published course of the province (every member sees it) with a video, a quiz and an article lesson. */
async function memberCourse() {
  if (memberCourseIds) return memberCourseIds;
  const root = await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const courseId = (await t.call('POST', '/api/learning/courses', { cookie: await as('demo-province'), body: await courseBody(root.id) })).json().id as string;
  const video = await newLesson(courseId);
  const quiz = await newLesson(courseId, { kind: 'quiz', title: '测验', questions: [{ text: '题目', multiple: false, options: ['甲', '乙'], answer: [0] }] });
  const article = await newLesson(courseId, { kind: 'article', title: '文章', bodyHtml: '<p>正文</p>' });
  await t.call('POST', `/api/learning/courses/${courseId}/publish`, { cookie: await as('demo-province') });
  return (memberCourseIds = { courseId, video, quiz, article });
}
const studyToken = async () => (await t.call('POST', `/api/learning/lessons/${(await memberCourse()).video}/start`, { cookie: await as('demo-member') })).json().token as string;
const readingToken = async () => (await t.call('POST', `/api/learning/lessons/${(await memberCourse()).article}/read`, { cookie: await as('demo-member') })).json().token as string;

// ——— 直播课堂 ———
const liveFields = () => {
  const now = t.clock.now().getTime();
  return { title: `测试直播${++learningSeq}`, audiences: ['member'], sourceUrl: 'https://live.example.cn/hls/a.m3u8', startsAt: new Date(now + 10 * 60_000).toISOString(), endsAt: new Date(now + 70 * 60_000).toISOString() };
};
const liveBody = (orgId: string) => ({ orgId, ...liveFields() });
const liveEdit = () => ({ ...liveFields(), version: 1 });
/** A new event of Hangzhou's, started (live) or started and ended when asked. */
async function hzLive(status: 'scheduled' | 'live' | 'ended' = 'scheduled'): Promise<string> {
  const cookie = await as('demo-hangzhou');
  const id = (await t.call('POST', '/api/learning/live', { cookie, body: liveBody(f.hangzhou.id) })).json().id as string;
  if (status !== 'scheduled') await t.call('POST', `/api/learning/live/${id}/start`, { cookie });
  if (status === 'ended') await t.call('POST', `/api/learning/live/${id}/end`, { cookie });
  return id;
}
/** A held chat message in a Hangzhou event (as the screening would leave one). */
async function heldMessage(): Promise<string> {
  const row = await t.ctx.db.insertInto('learning_live_messages').values({ event_id: await hzLive('live'), member_id: f.hzMember, account_id: f.memberAccount, text: '待审核发言', state: 'held', created_at: t.clock.now() })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}
let memberLiveId: string | undefined;
/** A live event of the province (every member sees it). */
async function memberLive(): Promise<string> {
  if (memberLiveId) return memberLiveId;
  const root = await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const cookie = await as('demo-province');
  const id = (await t.call('POST', '/api/learning/live', { cookie, body: liveBody(root.id) })).json().id as string;
  await t.call('POST', `/api/learning/live/${id}/start`, { cookie });
  return (memberLiveId = id);
}

const call = async (method: string, url: string, cookie: string | undefined, body?: unknown) =>
  t.call(method as 'GET', url, { cookie, body });

describe.each(cases)('$method $route', (c) => {
  it.skipIf(c.public)('401 without a session', async () => {
    const url = c.ok.actor === 'skip' || !(await c.ok.url()) ? c.route.replace(/:(\w+)/g, '1') : await c.ok.url();
    const res = await call(c.method, url, undefined, c.ok.body ? await c.ok.body() : c.method === 'GET' || c.method === 'DELETE' ? undefined : {});
    // Body validation may run first for malformed bodies; with a valid body the session check answers.
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.skipIf('none' in c.forbidden)('403 outside scope or without permission', async () => {
    const fb = c.forbidden as Exclude<Case['forbidden'], { none: string }>;
    const res = await call(c.method, await fb.url(), await as(fb.actor), fb.body ? await fb.body() : undefined);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().title).toMatch(/无权|不在您的/);
  });

  it.skipIf(c.ok.actor === 'skip')('success for the right actor', async () => {
    const cookie = c.ok.actor === 'fresh' ? await t.login('demo-hangzhou') : c.ok.actor ? await as(c.ok.actor) : undefined;
    const res = await call(c.method, await c.ok.url(), cookie, c.ok.body ? await c.ok.body() : undefined);
    expect(res.statusCode, res.body).toBe(c.ok.status ?? 200);
  });
});

it('covers every API route', () => {
  const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
  const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !covered.has(r));
  expect(missing).toEqual([]);
});

/** An .xlsx with the member template's header row and no data (imports: a valid upload that writes nothing). */
async function emptyImportFile(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('党员信息').addRow(['所属党组织', '姓名', '性别', '民族', '出生日期', '身份证号', '学历', '党员类别', '入党时间']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let hzImportId: string | undefined;
async function hangzhouImport(): Promise<string> {
  if (hzImportId) return hzImportId;
  const res = await t.call('POST', '/api/imports?kind=members', { cookie: await as('demo-hangzhou'), body: await emptyImportFile(), headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  hzImportId = res.json().id as string;
  await t.ctx.jobs.drain();
  return hzImportId;
}
