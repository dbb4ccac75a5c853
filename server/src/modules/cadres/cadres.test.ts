/**
 * 干部工作 (issue 11 item 3) through the API: vacancies with one recommendation per phone per post, counts and
 * reasons for staff only; pre-appointment notices with the objection period across 春节 (2026 demo calendar),
 * confidential objections (the handling staff only: not org_viewer, not the public), answering, confirmation,
 * fingerprints, scope, and bad input refused whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { PHONE_TOKEN_HEADER } from '../safety/safety.public.js';
import { sha256Hex } from '../../platform/fingerprint.js';
import { canonicalJson } from '../../platform/audit.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let viewer: string;
let ip = 0;
const addr = () => `198.51.100.${++ip}`;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PASSWORD = 'Viewer#2026-ok';

// Friday 13 February 2026, 10:00 China time: the last working day before 春节 (2-15…2-23; 2-14 is a 调休 workday).
const START = new Date('2026-02-13T02:00:00Z');

async function verifiedToken(phone: string): Promise<string> {
  const sent = await t.app.inject({ method: 'POST', url: '/api/public/phone-code', payload: { phone }, remoteAddress: addr() });
  expect(sent.statusCode, sent.body).toBe(202);
  const sms = await t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', phone))
    .where('purpose', '=', 'verify_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const code = /验证码为(\d{6})/.exec(sms.text)![1]!;
  const ok = await t.app.inject({ method: 'POST', url: '/api/public/phone-verify', payload: { phone, code }, remoteAddress: addr() });
  expect(ok.statusCode, ok.body).toBe(200);
  return ok.json().token;
}
const publicPost = (url: string, token: string | null, payload: unknown) => t.app.inject({
  method: 'POST', url, payload: payload as object, remoteAddress: addr(), headers: token ? { [PHONE_TOKEN_HEADER]: token } : {},
});
const publicGet = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: addr() });
async function ok(method: 'GET' | 'POST', url: string, cookie: string, body?: unknown) {
  const res = await t.call(method, url, { cookie, body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.body ? res.json() : null;
}

const POSTS = [
  { name: '县委组织部副部长', unit: '中共淳安县委组织部', headcount: 1, requirements: '中共党员，具有大学本科以上学历，有两年以上乡镇工作经历。' },
  { name: '乡镇党委书记', unit: '淳安县千岛湖镇', headcount: 2, requirements: '中共党员，年龄在45周岁以下，熟悉农村工作。' },
];
const batchBody = (orgId: string, over: Record<string, unknown> = {}) => ({ orgId, title: '2026年第一批县管干部岗位推荐', opensOn: '2026-02-13', closesOn: '2026-02-24', posts: POSTS, ...over });
const CANDIDATE = { name: '李明华', sex: 'male', birthYm: '1982-07', education: '大学本科，管理学学士', currentPost: '淳安县千岛湖镇党委副书记', proposedPost: '淳安县委组织部副部长', bio: '1982年7月生，2004年8月参加工作，2003年6月入党，历任乡镇团委书记、党政办主任、党委副书记。' };
const noticeBody = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId, title: '杭州市委组织部干部任前公示', candidates: [CANDIDATE, { ...CANDIDATE, name: '王秀英', sex: 'female', birthYm: '1985-03', proposedPost: '淳安县千岛湖镇党委书记' }],
  contact: '公示期间如有异议，请向杭州市委组织部干部监督处反映，电话0571-12380。', ...over,
});

beforeAll(async () => {
  t = await createTestApp({ clockAt: START });
  f = await demoFixtures(t.ctx);
  [hz, nb] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  const sys = await t.login('demo-sysadmin');
  const acc = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'hz-cadre-viewer', displayName: '杭州查看员', kind: 'staff', password: PASSWORD } });
  expect(acc.statusCode, acc.body).toBe(201);
  expect((await t.call('POST', `/api/accounts/${acc.json().id}/roles`, { cookie: sys, body: { role: 'org_viewer', orgId: f.hangzhou.id } })).statusCode).toBe(200);
  await t.ctx.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', 'hz-cadre-viewer').execute();
  viewer = await t.login('hz-cadre-viewer', PASSWORD);
});
afterAll(async () => { await t?.close(); });
/** Sessions time out while the clock moves by days: sign in again. */
async function relogin() {
  [hz, nb, viewer] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('hz-cadre-viewer', PASSWORD)];
}

describe('岗位推荐', () => {
  let batchId: string;
  let postIds: string[];

  it('refuses a bad batch whole with Chinese messages, and stores nothing', async () => {
    const bad = await t.call('POST', '/api/cadres/batches', { cookie: hz, body: batchBody(f.hangzhou.id, {
      title: ' ', opensOn: '2026-02-20', closesOn: '2026-02-19', posts: [{ name: '', unit: '某单位', headcount: 0, requirements: '' }],
    }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'title', message: '请填写批次名称' },
      { field: 'closesOn', message: '截止日期不能早于开始日期' },
      { field: 'posts.0.name', message: '请填写第1个岗位的岗位名称' },
      { field: 'posts.0.requirements', message: '请填写第1个岗位的任职条件' },
      { field: 'posts.0.headcount', message: '第1个岗位的职数应为1至99之间的整数' },
    ]);
    expect(await t.ctx.db.selectFrom('cadre_batches').select('id').execute()).toEqual([]);
  });

  it('keeps batches to the staff of their organization', async () => {
    expect((await t.call('POST', '/api/cadres/batches', { cookie: nb, body: batchBody(f.hangzhou.id) })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/cadres/batches', { cookie: viewer, body: batchBody(f.hangzhou.id) })).statusCode).toBe(403);
    batchId = (await ok('POST', '/api/cadres/batches', hz, batchBody(f.hangzhou.id))).id;
    expect((await t.call('GET', `/api/cadres/batches/${batchId}`, { cookie: nb })).statusCode).toBe(403);
    expect((await ok('GET', '/api/cadres/batches', nb)).items).toEqual([]);
    expect((await ok('GET', `/api/cadres/batches?q=${encodeURIComponent('第一批')}`, hz)).items.map((b: { id: string }) => b.id)).toEqual([batchId]);
    expect((await ok('GET', `/api/cadres/batches?q=${encodeURIComponent('第二批')}`, hz)).items).toEqual([]);
    postIds = (await ok('GET', `/api/cadres/batches/${batchId}`, hz)).posts.map((p: { id: string }) => p.id);
    expect(postIds).toHaveLength(2);
  });

  it('takes one recommendation per phone per post; the public never sees recommendations or counts', async () => {
    const url = (i: number) => `/api/public/cadres/posts/${postIds[i]}/recommendations`;
    const rec = { candidateName: '李明华', candidateUnit: '淳安县千岛湖镇党委副书记', reasons: '政治坚定，熟悉组织工作，群众基础好。' };
    expect((await publicPost(url(0), null, rec)).json().code).toBe('safety.phone_unverified');
    const a = await verifiedToken('13900001001');
    const bad = await publicPost(url(0), a, { candidateName: '', candidateUnit: ' ', reasons: '好'.repeat(1001) });
    expect(bad.json().errors).toEqual([
      { field: 'candidateName', message: '请填写被推荐人姓名' }, { field: 'candidateUnit', message: '请填写被推荐人所在单位及职务' }, { field: 'reasons', message: '推荐理由不能超过1000个字' },
    ]);
    expect((await publicPost(url(0), a, rec)).statusCode).toBe(201);
    const again = await publicPost(url(0), a, { ...rec, candidateName: '张三' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'cadres.already_recommended', title: '您已为该岗位推荐过人选，每个手机号码对每个岗位只能推荐一次' });
    expect((await publicPost(url(1), a, rec)).statusCode).toBe(201); // another post: allowed
    const b = await verifiedToken('13900001002');
    expect((await publicPost(url(0), b, rec)).statusCode).toBe(201);
    const c = await verifiedToken('13900001003');
    expect((await publicPost(url(0), c, { ...rec, candidateName: '周建军', candidateUnit: '淳安县委办公室副主任' })).statusCode).toBe(201);

    const staff = await ok('GET', `/api/cadres/batches/${batchId}`, viewer);
    expect(staff.posts[0]).toMatchObject({ recommendationCount: 3, candidates: [{ name: '李明华', count: 2 }, { name: '周建军', count: 1 }] });
    expect(staff.posts[0].recommendations[0]).toMatchObject({ reasons: rec.reasons, phone: '139****1001' });
    expect(staff.posts[1].recommendationCount).toBe(1);

    const pub = await publicGet('/api/public/cadres/batches');
    const mine = pub.json().items.find((x: { id: string }) => x.id === batchId);
    expect(mine.posts.map((p: { name: string }) => p.name)).toEqual(['县委组织部副部长', '乡镇党委书记']);
    expect(pub.body).not.toContain('李明华');
    expect(pub.body).not.toMatch(/recommendationCount|candidates|reasons/);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'cadre.recommendation.submit').execute();
    expect(audit.map((r) => r.actor_name)).toContain('139****1001');
    expect(JSON.stringify(audit)).not.toContain('13900001001');
  });

  it('holds a recommendation with a listed word; it counts once approved', async () => {
    await ok('POST', '/api/safety/words', await t.login('demo-secadmin'), { words: ['跑官要官'] });
    const res = await publicPost(`/api/public/cadres/posts/${postIds[1]}/recommendations`, await verifiedToken('13900001004'),
      { candidateName: '陈志强', candidateUnit: '千岛湖镇', reasons: '此人从不跑官要官，踏实肯干。' });
    expect(res.json().state).toBe('held');
    expect((await ok('GET', `/api/cadres/batches/${batchId}`, hz)).posts[1]).toMatchObject({ recommendationCount: 1, heldCount: 1 });
    const held = (await ok('GET', '/api/moderation?state=held', hz)).items.find((m: { kind: string }) => m.kind === 'cadres.recommendation');
    await ok('POST', `/api/moderation/${held.id}/approve`, hz, {});
    expect((await ok('GET', `/api/cadres/batches/${batchId}`, hz)).posts[1]).toMatchObject({ recommendationCount: 2, heldCount: 0 });
  });
});

describe('任前公示', () => {
  let noticeId: string;
  let objectionIds: string[] = [];

  it('refuses a bad notice whole with Chinese messages', async () => {
    const bad = await t.call('POST', '/api/cadres/notices', { cookie: hz, body: noticeBody(f.hangzhou.id, {
      title: '', workingDays: 3, candidates: [{ ...CANDIDATE, name: '', sex: 'x', birthYm: '2015-01', bio: '' }],
    }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'title', message: '请填写公示标题' },
      { field: 'candidates.0.name', message: '请填写第1位人选的姓名' },
      { field: 'candidates.0.sex', message: '请选择第1位人选的性别' },
      { field: 'candidates.0.birthYm', message: '第1位人选的出生年月应为年满18周岁的年月，格式如1978-05' },
      { field: 'candidates.0.bio', message: '请填写第1位人选的简要情况' },
      { field: 'workingDays', message: '公示期应为5至30个工作日' },
    ]);
    expect(await t.ctx.db.selectFrom('cadre_notices').select('id').execute()).toEqual([]);
    expect((await t.call('POST', '/api/cadres/notices', { cookie: nb, body: noticeBody(f.hangzhou.id) })).statusCode).toBe(403);
  });

  it('publishes with a period of 5 working days across 春节 and a fingerprint anyone can recompute', async () => {
    noticeId = (await ok('POST', '/api/cadres/notices', hz, noticeBody(f.hangzhou.id))).id;
    const n = await ok('GET', `/api/cadres/notices/${noticeId}`, hz);
    // 2-14 (调休上班) 1, 2-15…2-23 春节, 2-24 2, 2-25 3, 2-26 4, 2-27 5.
    expect(n).toMatchObject({ publishedOn: '2026-02-13', workingDays: 5, objectionEndsOn: '2026-02-27', status: 'objection', canHandleObjections: true, canConfirm: false });
    const pub = (await publicGet(`/api/public/cadres/notices/${noticeId}`)).json();
    const { id: _id, orgName: _o, open, fingerprint, ...fields } = pub;
    expect(open).toBe(true);
    expect(sha256Hex(canonicalJson({ v: 1, ...fields }))).toBe(fingerprint);
    expect(fingerprint).toBe(n.fingerprint);
    expect((await publicGet('/api/public/cadres/notices')).json().items.map((x: { id: string }) => x.id)).toContain(noticeId);
    expect((await publicGet('/api/public/cadres/notices?archive=true')).json().items.map((x: { id: string }) => x.id)).not.toContain(noticeId);
    expect((await t.call('GET', `/api/cadres/notices/${noticeId}`, { cookie: nb })).statusCode).toBe(403);
  });

  it('takes objections confidentially: the handling staff see who, org_viewer staff and the public do not', async () => {
    const url = `/api/public/cadres/notices/${noticeId}/objections`;
    const token = await verifiedToken('13700002001');
    const bad = await publicPost(url, token, { candidateIndex: 5, body: '' });
    expect(bad.json().errors).toEqual([{ field: 'candidateIndex', message: '请选择公示中的人选' }, { field: 'body', message: '请填写异议内容' }]);
    expect((await publicPost(url, token, { candidateIndex: 0, body: '该同志在任千岛湖镇党委副书记期间，对群众反映的征地补偿问题长期推诿。', name: '赵建平' })).json().state).toBe('received');
    expect((await publicPost(url, await verifiedToken('13700002002'), { body: '建议核实第二位人选的学历情况。' })).statusCode).toBe(201);

    const list = await ok('GET', `/api/cadres/notices/${noticeId}/objections`, hz);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({ candidateName: '李明华', phone: '13700002001', name: '赵建平', state: 'received' });
    objectionIds = list.items.map((o: { id: string }) => o.id);

    const denied = await t.call('GET', `/api/cadres/notices/${noticeId}/objections`, { cookie: viewer });
    expect(denied.statusCode).toBe(403);
    const viewerPage = await t.call('GET', `/api/cadres/notices/${noticeId}`, { cookie: viewer });
    expect(viewerPage.json()).toMatchObject({ canHandleObjections: false });
    expect(viewerPage.body).not.toContain('征地补偿');
    expect((await t.call('POST', `/api/cadres/objections/${objectionIds[0]}/answer`, { cookie: viewer, body: { note: '已核实' } })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/cadres/notices/${noticeId}/objections`, { cookie: nb })).statusCode).toBe(403);
    const pub = await publicGet(`/api/public/cadres/notices/${noticeId}`);
    expect(pub.body).not.toContain('征地补偿');
    expect(pub.body).not.toContain('赵建平');

    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', 'like', 'cadre.objection.%').execute();
    expect(audit.map((a) => a.actor_name)).toContain('137****2001');
    expect(JSON.stringify(audit)).not.toMatch(/13700002001|赵建平/);
  });

  it('refuses confirmation before the period ends and while an objection is unanswered', async () => {
    const confirm = () => t.call('POST', `/api/cadres/notices/${noticeId}/confirm`, { cookie: hz, body: {} });
    expect((await confirm()).json()).toMatchObject({ code: 'cadres.objection_period', title: '公示期至2026年2月27日结束，公示期满后方可确认任用' });
    // 10:00 on 27 February, China time: the last day of the period (春节 did not count).
    t.clock.advance(14 * DAY);
    await relogin();
    expect((await confirm()).json().code).toBe('cadres.objection_period');
    expect((await publicGet(`/api/public/cadres/notices/${noticeId}`)).json().open).toBe(true);
    // 00:30 on 28 February, China time: the period is over.
    t.clock.advance(14.5 * HOUR);
    await relogin();
    expect((await publicPost(`/api/public/cadres/notices/${noticeId}/objections`, await verifiedToken('13700002003'), { body: '迟到的异议' })).json().code).toBe('cadres.objection_period_over');
    expect((await publicGet('/api/public/cadres/notices?archive=true')).json().items.map((x: { id: string }) => x.id)).toContain(noticeId);
    const unanswered = await confirm();
    expect(unanswered.statusCode).toBe(409);
    expect(unanswered.json()).toMatchObject({ code: 'cadres.unanswered_objections', title: '尚有2条异议未答复（含待审核的），全部答复后方可确认任用' });

    const empty = await t.call('POST', `/api/cadres/objections/${objectionIds[0]}/answer`, { cookie: hz, body: { note: '  ' } });
    expect(empty.json().errors).toEqual([{ field: 'note', message: '请填写核查处理情况' }]);
    expect((await t.call('POST', `/api/cadres/objections/${objectionIds[0]}/answer`, { cookie: nb, body: { note: '越权' } })).statusCode).toBe(403);
    await ok('POST', `/api/cadres/objections/${objectionIds[0]}/answer`, hz, { note: '经干部监督处核实，征地补偿问题已于2025年妥善处理，反映情况不影响任用。' });
    expect((await confirm()).json().title).toBe('尚有1条异议未答复（含待审核的），全部答复后方可确认任用');
    await ok('POST', `/api/cadres/objections/${objectionIds[1]}/answer`, hz, { note: '经核实学历学位证书真实有效。' });
    expect((await t.call('POST', `/api/cadres/objections/${objectionIds[1]}/answer`, { cookie: hz, body: { note: '再答' } })).json().title).toBe('该异议已答复');

    expect((await t.call('POST', `/api/cadres/notices/${noticeId}/confirm`, { cookie: nb, body: {} })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/cadres/notices/${noticeId}/confirm`, { cookie: viewer, body: {} })).statusCode).toBe(403);
    const done = await ok('POST', `/api/cadres/notices/${noticeId}/confirm`, hz, { note: '经市委常委会研究，同意任用。' });
    expect(done).toMatchObject({ status: 'confirmed', confirmNote: '经市委常委会研究，同意任用。' });
    expect((await confirm()).json().code).toBe('cadres.confirmed');
    const answers = await t.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'cadre.objection.answer').execute();
    expect(answers).toHaveLength(2);
    expect(JSON.stringify(answers)).not.toContain('13700002001');
  });

  it('closes recommendations after the closing date, China time', async () => {
    // Now 28 February: the batch closed on 24 February.
    const batch = (await ok('GET', '/api/cadres/batches', hz)).items[0];
    expect(batch.status).toBe('closed');
    const post = (await ok('GET', `/api/cadres/batches/${batch.id}`, hz)).posts[0].id;
    const res = await publicPost(`/api/public/cadres/posts/${post}/recommendations`, await verifiedToken('13900001009'), { candidateName: '吴刚', candidateUnit: '某局', reasons: '踏实' });
    expect(res.json()).toMatchObject({ code: 'cadres.batch_closed', title: '该岗位的推荐已于2026年2月24日截止' });
    expect((await publicGet('/api/public/cadres/batches')).json().items.map((b: { id: string }) => b.id)).not.toContain(batch.id);
  });
});
