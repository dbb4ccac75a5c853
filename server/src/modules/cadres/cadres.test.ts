/**
 * 干部工作 (issue 11 item 3) through the API: vacancies with one recommendation per phone per post, counts and
 * reasons for staff only; pre-appointment notices with the objection period across 春节 (2026 demo calendar),
 * confidential objections (the handling staff only: not org_viewer, not the public), answering, confirmation,
 * fingerprints, scope, and bad input refused whole.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { PHONE_TOKEN_HEADER } from '../safety/safety.public.js';
import { sha256Hex } from '../../platform/fingerprint.js';
import { canonicalJson } from '../../platform/audit.js';
import { mayReveal } from '../../platform/reveal.js';

// The one reveal rule, passed through unchanged but observable: which organization it is asked about, and a refusal for
// an actor who holds cadre.objections without the reveal right (no built-in role is such an actor today).
vi.mock('../../platform/reveal.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../platform/reveal.js')>();
  return { ...real, mayReveal: vi.fn(real.mayReveal) };
});

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
async function ok(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, body?: unknown) {
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
    const { id: _id, orgName: _o, open, fingerprint, version: _v, withdrawnAt: _w, withdrawReason: _r, earlierVersions: _e, ...fields } = pub;
    expect(open).toBe(true);
    expect(sha256Hex(canonicalJson({ v: 1, ...fields }))).toBe(fingerprint);
    expect(fingerprint).toBe(n.fingerprint);
    expect((await publicGet('/api/public/cadres/notices')).json().items.map((x: { id: string }) => x.id)).toContain(noticeId);
    expect((await publicGet('/api/public/cadres/notices?archive=true')).json().items.map((x: { id: string }) => x.id)).not.toContain(noticeId);
    expect((await t.call('GET', `/api/cadres/notices/${noticeId}`, { cookie: nb })).statusCode).toBe(403);
  });

  it('takes objections confidentially: masked on every list; the identity only by an audited POST under the one reveal rule', async () => {
    const url = `/api/public/cadres/notices/${noticeId}/objections`;
    const token = await verifiedToken('13700002001');
    const bad = await publicPost(url, token, { candidateIndex: 5, body: '' });
    expect(bad.json().errors).toEqual([{ field: 'candidateIndex', message: '请选择公示中的人选' }, { field: 'body', message: '请填写异议内容' }]);
    expect((await publicPost(url, token, { candidateIndex: 0, body: '该同志在任千岛湖镇党委副书记期间，对群众反映的征地补偿问题长期推诿。', name: '赵建平' })).json().state).toBe('received');
    // An explicit null is the notice as a whole, not the first candidate (null must not be coerced to 0).
    expect((await publicPost(url, await verifiedToken('13700002002'), { candidateIndex: null, body: '建议核实第二位人选的学历情况。' })).statusCode).toBe(201);

    const list = await ok('GET', `/api/cadres/notices/${noticeId}/objections`, hz);
    expect(list.items).toHaveLength(2);
    // Masked for everyone, the handling staff included; a GET writes no audit row.
    expect(list.items[0]).toMatchObject({ candidateName: '李明华', phone: '137****2001', named: true, name: '赵**', state: 'received' });
    expect(list.items[1]).toMatchObject({ candidateName: null, phone: '137****2002', named: false, name: null });
    expect(JSON.stringify(list)).not.toMatch(/13700002001|13700002002|赵建平/);
    objectionIds = list.items.map((o: { id: string }) => o.id);
    const reveals = () => t.ctx.db.selectFrom('audit_log').select(['entity_type', 'entity_id', 'org_path', 'after']).where('action', '=', 'cadre.objection.reveal').execute();
    expect(await reveals()).toEqual([]);

    const denied = await t.call('GET', `/api/cadres/notices/${noticeId}/objections`, { cookie: viewer });
    expect(denied.statusCode).toBe(403);
    const reveal = (cookie: string | undefined, id = objectionIds[0]) => t.call('POST', `/api/cadres/objections/${id}/reveal`, { cookie, body: {} });
    for (const who of [viewer, nb]) expect((await reveal(who)).statusCode).toBe(403);
    expect((await reveal(undefined)).statusCode).toBe(401);
    expect((await t.call('GET', `/api/cadres/notices/${noticeId}`, { cookie: hz })).json()).toMatchObject({ canRevealObjectors: true });
    expect((await t.call('GET', `/api/cadres/notices/${noticeId}`, { cookie: viewer })).json()).toMatchObject({ canRevealObjectors: false });
    const viewerPage = await t.call('GET', `/api/cadres/notices/${noticeId}`, { cookie: viewer });
    expect(viewerPage.json()).toMatchObject({ canHandleObjections: false });
    expect(viewerPage.body).not.toContain('征地补偿');
    expect((await t.call('POST', `/api/cadres/objections/${objectionIds[0]}/answer`, { cookie: viewer, body: { note: '已核实' } })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/cadres/notices/${noticeId}/objections`, { cookie: nb })).statusCode).toBe(403);
    const pub = await publicGet(`/api/public/cadres/notices/${noticeId}`);
    expect(pub.body).not.toContain('征地补偿');
    expect(pub.body).not.toContain('赵建平');
    expect(await reveals()).toEqual([]); // the refusals revealed nothing and recorded nothing

    // The handling staff with the reveal right: in full, one objection at a time, audited on the notice's organization.
    vi.mocked(mayReveal).mockClear();
    const shown = await reveal(hz);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ id: objectionIds[0], phone: '13700002001', name: '赵建平' });
    expect(vi.mocked(mayReveal)).toHaveBeenCalledWith(expect.objectContaining({ username: 'demo-hangzhou' }), f.hangzhou.path);
    expect((await reveal(hz, objectionIds[1])).json()).toEqual({ id: objectionIds[1], phone: '13700002002', name: null });
    const rows = await reveals();
    expect(rows.map((r) => [r.entity_type, r.entity_id, r.org_path])).toEqual([['cadre_objection', objectionIds[0], f.hangzhou.path], ['cadre_objection', objectionIds[1], f.hangzhou.path]]);
    expect(rows[0]!.after).toMatchObject({ noticeId, fields: ['phone', 'name'], masked: '137****2001' });
    // Holding cadre.objections without the reveal right: 403 in Chinese, nothing decrypted or recorded.
    vi.mocked(mayReveal).mockReturnValueOnce(false);
    const refused = await reveal(hz);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'forbidden.reveal', title: '您无权查看异议人的身份信息，如确需核实，请联系本级组织部门负责同志' });
    expect(await reveals()).toHaveLength(2);
    // Listing again is still masked and still unrecorded.
    expect((await ok('GET', `/api/cadres/notices/${noticeId}/objections`, hz)).items[0]).toMatchObject({ phone: '137****2001', name: '赵**' });
    expect(await reveals()).toHaveLength(2);

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

describe('修改和撤回', () => {
  // Now 00:30 on Saturday 28 February 2026, China time (the clock moved in the describe above).
  const TODAY = '2026-02-28';
  const audits = (action: string, entityId: string) => t.ctx.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', action).where('entity_id', '=', entityId).execute();

  it('edits a batch not yet open: dates, posts added, changed and removed; audited; others refused', async () => {
    await relogin();
    const id = (await ok('POST', '/api/cadres/batches', hz, batchBody(f.hangzhou.id, { title: '2026年第二批县管干部岗位推荐', opensOn: '2026-03-02', closesOn: '2026-03-20' }))).id;
    const b = await ok('GET', `/api/cadres/batches/${id}`, hz);
    expect(b).toMatchObject({ status: 'upcoming', canEdit: true, withdrawnAt: null });
    const body = {
      title: '2026年第二批县管干部岗位推荐（调整）', opensOn: '2026-03-03', closesOn: '2026-03-24',
      posts: [{ id: b.posts[1].id, ...POSTS[1], headcount: 3 }, { name: '县委办公室副主任', unit: '中共淳安县委办公室', headcount: 1, requirements: '中共党员，文字功底扎实。' }],
    };
    for (const who of [nb, viewer]) expect((await t.call('PUT', `/api/cadres/batches/${id}`, { cookie: who, body })).statusCode).toBe(403);
    const bad = await t.call('PUT', `/api/cadres/batches/${id}`, { cookie: hz, body: { ...body, title: '', closesOn: '2026-02-27', opensOn: '2026-02-20', posts: [{ ...body.posts[1], headcount: 100 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'title', message: '请填写批次名称' },
      { field: 'closesOn', message: '截止日期不能早于今天（2026年2月28日）' },
      { field: 'posts.0.headcount', message: '第1个岗位的职数应为1至99之间的整数' },
    ]);
    await ok('PUT', `/api/cadres/batches/${id}`, hz, body);
    const after = await ok('GET', `/api/cadres/batches/${id}`, hz);
    expect(after).toMatchObject({ title: body.title, opensOn: '2026-03-03', closesOn: '2026-03-24' });
    expect(after.updatedAt).not.toBeNull();
    expect(after.posts.map((p: { name: string; headcount: number }) => [p.name, p.headcount])).toEqual([['乡镇党委书记', 3], ['县委办公室副主任', 1]]);
    expect(after.posts[0].id).toBe(b.posts[1].id);
    const [row] = await audits('cadre.batch.update', id);
    expect(row).toMatchObject({ before: { title: '2026年第二批县管干部岗位推荐', opensOn: '2026-03-02' }, after: { title: body.title, opensOn: '2026-03-03' } });
  });

  it('keeps a post that has recommendations and an opening date that has passed; withdraws a batch early with a reason', async () => {
    const id = (await ok('POST', '/api/cadres/batches', hz, batchBody(f.hangzhou.id, { title: '2026年第三批县管干部岗位推荐', opensOn: TODAY, closesOn: '2026-03-13' }))).id;
    const b = await ok('GET', `/api/cadres/batches/${id}`, hz);
    const rec = { candidateName: '孙立新', candidateUnit: '淳安县委组织部科长', reasons: '熟悉干部工作。' };
    expect((await publicPost(`/api/public/cadres/posts/${b.posts[0].id}/recommendations`, await verifiedToken('13900003001'), rec)).statusCode).toBe(201);
    const locked = await ok('GET', `/api/cadres/batches/${id}`, hz);
    expect(locked.posts.map((p: { locked: boolean }) => p.locked)).toEqual([true, false]);
    const keep = { id: b.posts[0].id, ...POSTS[0] };
    const bad = await t.call('PUT', `/api/cadres/batches/${id}`, { cookie: hz, body: {
      title: b.title, opensOn: '2026-03-01', closesOn: b.closesOn, posts: [{ ...keep, headcount: 2 }],
    } });
    expect(bad.json().errors).toEqual([
      { field: 'opensOn', message: '推荐已于2026年2月28日开始，开始日期不能修改' },
      { field: 'posts.0', message: '第1个岗位“县委组织部副部长”已收到推荐，不能修改' },
    ]);
    const removed = await t.call('PUT', `/api/cadres/batches/${id}`, { cookie: hz, body: { title: b.title, opensOn: TODAY, closesOn: b.closesOn, posts: [{ id: b.posts[1].id, ...POSTS[1] }] } });
    expect(removed.json().errors).toEqual([{ field: 'posts', message: '岗位“县委组织部副部长”已收到推荐，不能删除' }]);
    // The post without recommendations may change, the closing date too.
    await ok('PUT', `/api/cadres/batches/${id}`, hz, { title: b.title, opensOn: TODAY, closesOn: '2026-03-06', posts: [keep, { id: b.posts[1].id, ...POSTS[1], requirements: '中共党员，年龄在40周岁以下。' }] });
    expect((await ok('GET', `/api/cadres/batches/${id}`, hz)).posts[1].requirements).toBe('中共党员，年龄在40周岁以下。');

    const withdraw = (cookie: string, reason: string) => t.call('POST', `/api/cadres/batches/${id}/withdraw`, { cookie, body: { reason } });
    expect((await withdraw(hz, ' ')).json().errors).toEqual([{ field: 'reason', message: '请填写撤回原因' }]);
    for (const who of [nb, viewer]) expect((await withdraw(who, '越权')).statusCode).toBe(403);
    const done = await withdraw(hz, '岗位职数调整，本批次提前结束推荐。');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'withdrawn', withdrawReason: '岗位职数调整，本批次提前结束推荐。', withdrawnByName: expect.any(String), canEdit: false });
    expect(done.json().posts[0].recommendationCount).toBe(1); // kept
    expect((await ok('GET', '/api/cadres/batches', hz)).items.find((x: { id: string }) => x.id === id).status).toBe('withdrawn');
    expect((await publicGet('/api/public/cadres/batches')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    const late = await publicPost(`/api/public/cadres/posts/${b.posts[1].id}/recommendations`, await verifiedToken('13900003002'), rec);
    expect(late.json()).toMatchObject({ code: 'cadres.batch_withdrawn', title: '该批次已撤回，不再接受推荐' });
    expect((await withdraw(hz, '再次撤回')).json()).toMatchObject({ code: 'cadres.batch_withdrawn', title: '该批次已撤回' });
    expect((await t.call('PUT', `/api/cadres/batches/${id}`, { cookie: hz, body: { title: b.title, opensOn: TODAY, closesOn: '2026-03-06', posts: [keep] } })).json().code).toBe('cadres.batch_withdrawn');
    expect(await audits('cadre.batch.withdraw', id)).toEqual([{ before: { status: 'open' }, after: { status: 'withdrawn', reason: '岗位职数调整，本批次提前结束推荐。' } }]);
    // A batch past its closing date is neither edited nor withdrawn.
    const closed = (await ok('GET', '/api/cadres/batches', hz)).items.find((x: { status: string }) => x.status === 'closed');
    expect((await t.call('POST', `/api/cadres/batches/${closed.id}/withdraw`, { cookie: hz, body: { reason: '过期' } })).json().code).toBe('cadres.batch_closed');
  });

  it('edits a notice on its day of publication as a new version with a new fingerprint; the old one stays public', async () => {
    const id = (await ok('POST', '/api/cadres/notices', hz, noticeBody(f.hangzhou.id, { title: '杭州市委组织部干部任前公示（第二批）' }))).id;
    const v1 = await ok('GET', `/api/cadres/notices/${id}`, hz);
    expect(v1).toMatchObject({ version: 1, canEdit: true, canWithdraw: true, earlierVersions: [] });
    expect((await ok('GET', `/api/cadres/notices/${id}`, viewer))).toMatchObject({ canEdit: false, canWithdraw: false });
    const revision = { ...noticeBody(f.hangzhou.id), title: '杭州市委组织部干部任前公示（第二批）', workingDays: 7, version: 1 } as Record<string, unknown>;
    delete revision.orgId;
    revision.candidates = [{ ...CANDIDATE, education: '研究生，管理学硕士' }];
    for (const who of [nb, viewer]) expect((await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: who, body: revision })).statusCode).toBe(403);
    const bad = await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: hz, body: { ...revision, title: ' ', candidates: [] } });
    expect(bad.json().errors).toEqual([{ field: 'title', message: '请填写公示标题' }, { field: 'candidates', message: '请至少填写一位公示人选' }]);
    const same = await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: hz, body: { ...noticeBody(f.hangzhou.id), orgId: undefined, title: v1.title, version: 1 } });
    expect(same.json().errors).toEqual([{ field: 'title', message: '公示内容未作修改' }]);
    await ok('PUT', `/api/cadres/notices/${id}`, hz, revision);
    const v2 = await ok('GET', `/api/cadres/notices/${id}`, hz);
    expect(v2).toMatchObject({ version: 2, workingDays: 7, publishedOn: TODAY, candidates: [{ education: '研究生，管理学硕士' }] });
    expect(v2.fingerprint).not.toBe(v1.fingerprint);
    expect(v2.earlierVersions).toHaveLength(1);
    expect(v2.earlierVersions[0]).toMatchObject({ version: 1, fingerprint: v1.fingerprint, candidates: v1.candidates, workingDays: 5 });
    const stale = await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: hz, body: revision });
    expect(stale.json()).toMatchObject({ code: 'cadres.stale', title: '该公示已被他人修改，请刷新后重新修改' });
    // The public reads both, and can recompute each fingerprint from what it reads.
    const pub = (await publicGet(`/api/public/cadres/notices/${id}`)).json();
    expect(pub).toMatchObject({ version: 2, fingerprint: v2.fingerprint, open: true });
    const recompute = (x: { title: string; candidates: unknown; contact: string; publishedOn: string; workingDays: number; objectionEndsOn: string }) => sha256Hex(canonicalJson({
      v: 1, orgId: f.hangzhou.id, title: x.title, candidates: x.candidates, contact: x.contact, publishedOn: x.publishedOn, workingDays: x.workingDays, objectionEndsOn: x.objectionEndsOn,
    }));
    expect(recompute(pub)).toBe(pub.fingerprint);
    expect(recompute(pub.earlierVersions[0])).toBe(v1.fingerprint);
    expect((await publicGet('/api/public/cadres/notices')).json().items.find((x: { id: string }) => x.id === id).earlierVersions).toHaveLength(1);
    const [row] = await audits('cadre.notice.revise', id);
    expect(row).toMatchObject({ before: { version: 1, fingerprint: v1.fingerprint }, after: { version: 2, fingerprint: v2.fingerprint } });
    // An objection against the text stops further edits.
    expect((await publicPost(`/api/public/cadres/notices/${id}/objections`, await verifiedToken('13700003001'), { body: '请核实学历。' })).statusCode).toBe(201);
    expect((await ok('GET', `/api/cadres/notices/${id}`, hz)).canEdit).toBe(false);
    const locked = await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: hz, body: { ...revision, version: 2, title: '再改' } });
    expect(locked.json()).toMatchObject({ code: 'cadres.notice_locked', title: '该公示已收到异议，不能再修改；如需更正，请撤销本公示后重新发布' });
  });

  it('withdraws a notice with a reason that stays in the public archive; no objection, edit or confirmation after it', async () => {
    const id = (await ok('POST', '/api/cadres/notices', hz, noticeBody(f.hangzhou.id, { title: '杭州市委组织部干部任前公示（第三批）' }))).id;
    const n = await ok('GET', `/api/cadres/notices/${id}`, hz);
    t.clock.advance(DAY); // Sunday 1 March: the period has begun counting
    await relogin();
    expect((await ok('GET', `/api/cadres/notices/${id}`, hz)).canEdit).toBe(false);
    const revision = { title: '改', candidates: n.candidates, contact: n.contact, version: 1 };
    expect((await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: hz, body: revision })).json())
      .toMatchObject({ code: 'cadres.notice_locked', title: '公示期已开始计算，不能再修改；如需更正，请撤销本公示后重新发布' });

    const withdraw = (cookie: string, reason: string, nid = id) => t.call('POST', `/api/cadres/notices/${nid}/withdraw`, { cookie, body: { reason } });
    expect((await withdraw(hz, '')).json().errors).toEqual([{ field: 'reason', message: '请填写撤销原因' }]);
    for (const who of [nb, viewer]) expect((await withdraw(who, '越权')).statusCode).toBe(403);
    const done = await withdraw(hz, '拟任人选工作另有安排，撤销本公示。');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'withdrawn', withdrawReason: '拟任人选工作另有安排，撤销本公示。', canEdit: false, canWithdraw: false, canConfirm: false });
    expect((await withdraw(hz, '再撤')).json()).toMatchObject({ code: 'cadres.withdrawn', title: '该公示已撤销' });
    expect((await t.call('PUT', `/api/cadres/notices/${id}`, { cookie: hz, body: revision })).json().code).toBe('cadres.withdrawn');

    expect((await publicGet('/api/public/cadres/notices')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    const archived = (await publicGet('/api/public/cadres/notices?archive=true')).json().items.find((x: { id: string }) => x.id === id);
    expect(archived).toMatchObject({ open: false, withdrawReason: '拟任人选工作另有安排，撤销本公示。', fingerprint: n.fingerprint });
    expect(archived.withdrawnAt).not.toBeNull();
    const obj = await publicPost(`/api/public/cadres/notices/${id}/objections`, await verifiedToken('13700003002'), { body: '异议' });
    expect(obj.json()).toMatchObject({ code: 'cadres.withdrawn', title: '该公示已撤销，不再受理异议' });
    // After the period, still not confirmable.
    t.clock.advance(14 * DAY);
    await relogin();
    expect((await t.call('POST', `/api/cadres/notices/${id}/confirm`, { cookie: hz, body: {} })).json()).toMatchObject({ code: 'cadres.withdrawn', title: '该公示已撤销，不能确认任用' });
    // A confirmed appointment is not withdrawn.
    const confirmed = (await ok('GET', '/api/cadres/notices', hz)).items.find((x: { status: string }) => x.status === 'confirmed');
    expect((await withdraw(hz, '撤销', confirmed.id)).json()).toMatchObject({ code: 'cadres.confirmed', title: '该公示人选已确认任用，不能撤销' });
    expect(await audits('cadre.notice.withdraw', id)).toEqual([{ before: { state: 'open' }, after: { state: 'withdrawn', reason: '拟任人选工作另有安排，撤销本公示。' } }]);
  });
});
