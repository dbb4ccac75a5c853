/**
 * 党务公开 in Debian's Chromium: a title and body carrying XSS payloads are shown as text on the public pages with no
 * script run and no dialog; the console's flow (create, publish, edit) gives two versions on the public page; the TV
 * page pages through a long item and moves on to the next, at 1920×1080 and 1280×720; a member of the public asks a
 * question carrying XSS payloads from a phone-sized window (phone verified by SMS code), it is approved and answered,
 * and the page shows both as text with no script run; in the console an attachment is deleted while the item is
 * edited (the published version keeps it, the next one does not) and a published answer is corrected (the public page
 * shows the correction and, under 查看原答复, the earlier answer), on a phone-sized public window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
let cookie: string;
/** Hangzhou villages without demo disclosures, one per test. */
let villages: { id: string; name: string }[];

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  cookie = await h.t.login('demo-hangzhou');
  const { rows } = await sql<{ id: string; name: string }>`
    select o.id::text, o.name from orgs o where o.level = 'grassroots' and o.sector = 'rural' and o.status = 'active'
      and o.path like (select path from orgs where name = '杭州市委') || '%'
      and not exists (select 1 from disclosure_items i where i.org_id = o.id)
    order by o.id limit 4`.execute(h.t.ctx.db);
  villages = rows;
}, 240_000);

afterAll(async () => {
  await h?.close();
});

async function publish(orgId: string, title: string, bodyHtml: string, kind = 'village'): Promise<string> {
  const r = await h.t.call('POST', '/api/disclosures', { cookie, body: { orgId, kind, period: '2026-Q4', title, bodyHtml } });
  expect(r.statusCode, r.body).toBe(201);
  const p = await h.t.call('POST', `/api/disclosures/${r.json().id}/publish`, { cookie });
  expect(p.statusCode, p.body).toBe(200);
  return r.json().id;
}

describe.skipIf(!enabled)('public disclosures in Chromium', () => {
  it('shows XSS payloads in a title and body as inert text: no script runs, no dialog opens', async () => {
    const title = '<script>alert("标题")</script><img src=x onerror=alert(2)>村务公示';
    const body = [
      '<p>正文开始<script>window.__pwned = "script"; alert(1)</script></p>',
      '<img src=x onerror="window.__pwned=\'img\'; alert(3)">',
      '<svg onload="window.__pwned=\'svg\'"></svg>',
      '<a href="javascript:window.__pwned=\'link\'" id="evil">点此查看</a>',
      '<p style="display:none" onmouseover="window.__pwned=\'hover\'">隐藏的文字</p>',
      '<iframe src="javascript:window.top.__pwned=\'iframe\'"></iframe>',
      '<p>1 &lt; 2 &amp;&amp; "引号"</p>',
    ].join('');
    const id = await publish(villages[0]!.id, title, body);
    const page = await h.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`${h.base}/disclosure/${id}`);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect.poll(() => h1.textContent()).toBe(title);
    await expectNoAxeViolations(page, 'a public disclosure');
    const text = await page.getByTestId('dp-body').innerText();
    expect(text).toContain('正文开始');
    expect(text).toContain('隐藏的文字'); // the style that would hide it is gone
    expect(text).toContain('1 < 2 && "引号"');
    // Links lost their javascript: address; moving over and clicking them does nothing.
    await page.getByText('隐藏的文字').hover();
    await page.getByText('点此查看').click();
    expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(await page.locator('.dp-body script, .dp-body svg, .dp-body iframe, .dp-body img, .dp-body [style], .dp-body [onmouseover]').count()).toBe(0);
    // The list and the TV page show the title as text too.
    await page.goto(`${h.base}/disclosure?org=${villages[0]!.id}`);
    await expect.poll(() => page.getByRole('link', { name: title }).count()).toBe(1);
    await expectNoAxeViolations(page, 'the public list of disclosures');
    await page.goto(`${h.base}/tv/disclosures/${villages[0]!.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await expectNoAxeViolations(page, 'the TV page');
    expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(dialogs).toEqual([]);
  });

  it('creates, publishes and edits in the console; the public page shows both versions', async () => {
    const village = villages[1]!;
    const page = await h.newPage();
    await h.login(page, 'demo-hangzhou');
    await page.goto(`${h.base}/admin/disclosures`);
    await page.getByTestId('disclosure-new').click();
    await page.waitForURL(/\/admin\/disclosures\/new$/);
    const org = page.getByTestId('disclosure-org');
    await org.click();
    await org.getByRole('combobox').fill(village.name);
    await page.getByTestId(`org-option-${village.id}`).click();
    await page.getByTestId('disclosure-title').fill('关于村集体林地流转的公示');
    await page.getByTestId('disclosure-body').fill('<p>村集体林地120亩拟流转给本村合作社，期限10年。</p>');
    await expectNoAxeViolations(page, 'the disclosure editor');
    await page.getByTestId('disclosure-save').click();
    await page.waitForURL(/\/admin\/disclosures\/\d+$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('disclosure-publish').click();
    await expect.poll(() => page.getByTestId('disclosure-fingerprint').count()).toBe(1);
    await page.getByTestId('disclosure-body').fill('<p>村集体林地120亩拟流转给本村合作社，期限8年。</p>');
    await page.getByTestId('disclosure-save').click();
    await expect.poll(() => page.getByTestId('disclosure-fingerprint').count()).toBe(2);

    await page.goto(`${h.base}/disclosure/${id}`);
    await expect.poll(() => page.getByTestId('dp-body').textContent()).toContain('期限8年');
    const versions = page.getByTestId('dp-versions').locator('li');
    await expect.poll(() => versions.count()).toBe(2);
    await page.getByRole('link', { name: /查看\s*第1版/ }).click();
    await expect.poll(() => page.getByTestId('dp-body').textContent()).toContain('期限10年');
    await expect.poll(() => page.getByRole('note').textContent()).toContain('历史版本');
    await expectNoAxeViolations(page, 'an earlier version of a disclosure');
  }, 90_000);

  it('the TV page pages through a long item, then moves to the next, at 1920×1080 and 1280×720', async () => {
    const village = villages[2]!;
    const para = '本村严格落实“四议两公开”工作法，村级重大事项均经党支部提议、两委联席会议商议、党员大会审议、村民代表会议决议，决议和实施结果全部公开。';
    await publish(village.id, '村级重大事项民主决策情况公开', Array.from({ length: 30 }, (_, i) => `<p>${i + 1}. ${para}</p>`).join(''), 'party');
    await publish(village.id, '村务监督委员会工作情况', '<p>本季度村务监督委员会列席两委会议3次。</p>');
    for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
      const page = await h.newPage({ width });
      await page.setViewportSize({ width, height });
      await page.goto(`${h.base}/tv/disclosures/${village.id}?interval=1`);
      const pager = page.getByTestId('tv-pager');
      // Party affairs first: the long item over several screens, then the village affairs' short one, then round again.
      await expect.poll(() => pager.textContent()).toMatch(/^第1\/2项 · 第1\/[2-9]页$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('村级重大事项民主决策情况公开');
      await expect.poll(() => pager.textContent()).toMatch(/^第1\/2项 · 第2\/[2-9]页$/);
      await expect.poll(() => pager.textContent(), { timeout: 30_000 }).toBe('第2/2项 · 第1/1页');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('村务监督委员会工作情况');
      await expect.poll(() => pager.textContent(), { timeout: 30_000 }).toMatch(/^第1\/2项 · 第1\/[2-9]页$/);
      // Nothing scrolls: the page fits the screen.
      expect(await page.evaluate('document.documentElement.scrollHeight <= window.innerHeight')).toBe(true);
      await page.close();
    }
  }, 90_000);

  it('takes a question from a phone-sized window; approved and answered, question and answer are shown as inert text', async () => {
    const id = await publish(villages[0]!.id, '关于村文化礼堂改造的公示', '<p>村文化礼堂改造工程拟于明年开工。</p>');
    const page = await h.newPage({ width: 390 });
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`${h.base}/disclosure/${id}`);
    const payload = '<script>window.__pwned="q"; alert(1)</script><img src=x onerror="window.__pwned=\'img\'">礼堂改造的资金从哪里来？';
    await page.getByTestId('dp-ask-body').fill(payload);
    await page.getByTestId('dp-ask-name').fill('<b>王建国</b>');
    // Submitting before the phone is verified says so.
    await page.getByTestId('dp-ask-submit').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('请先验证手机号码');
    const phone = '13812360001';
    await page.getByTestId('phone-input').fill(phone);
    await page.getByTestId('phone-get-code').click();
    await page.getByTestId('phone-code').waitFor();
    const sms = await h.t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', h.t.ctx.crypto.blindIndex('mobile', phone))
      .where('purpose', '=', 'verify_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await page.getByTestId('phone-code').fill(/验证码为(\d{6})/.exec(sms.text)![1]!);
    await page.getByTestId('phone-verify-submit').click();
    await page.getByTestId('phone-verified').waitFor();
    await expectNoAxeViolations(page, 'a disclosure with the question form');
    await page.getByTestId('dp-ask-submit').click();
    await page.getByTestId('dp-ask-done').waitFor();
    // Held until a moderator approves it; then the village's organization answers.
    const q = await h.t.ctx.db.selectFrom('disclosure_questions').select('id').where('item_id', '=', id).executeTakeFirstOrThrow();
    const held = (await h.t.call('GET', '/api/moderation?state=held&kind=disclosures.question', { cookie })).json().items.find((m: { refId: string }) => m.refId === q.id);
    expect((await h.t.call('POST', `/api/moderation/${held.id}/approve`, { cookie, body: {} })).statusCode).toBe(204);
    const answer = '资金来源为上级补助<script>window.__pwned="a"</script>和村集体收入。';
    expect((await h.t.call('PUT', `/api/disclosures/questions/${q.id}/answer`, { cookie, body: { text: answer } })).statusCode).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('dp-question-text').first().textContent()).toBe(payload);
    expect(await page.getByTestId('dp-answer-text').first().textContent()).toBe(answer);
    expect(await page.locator('.dp-questions').innerText()).toContain('<**');
    expect(await page.locator('.dp-questions script, .dp-questions img, .dp-questions b').count()).toBe(0);
    expect(await page.locator('.dp-questions').innerText()).not.toContain(phone.slice(-4));
    await expectNoAxeViolations(page, 'a disclosure with a question and its answer');
    expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(dialogs).toEqual([]);
  });

  it('deletes an attachment while editing without a gap in the published history, and corrects a published answer', async () => {
    const created = await h.t.call('POST', '/api/disclosures', { cookie, body: { orgId: villages[3]!.id, kind: 'village', period: '2026-Q4', title: '关于村级公益林补偿资金分配的公示', bodyHtml: '<p>补偿资金按农户林地面积分配，明细见附件。</p>' } });
    const id = created.json().id as string;
    for (const name of ['分配明细.pdf', '村民代表会议记录.pdf']) {
      const up = await h.t.call('POST', `/api/disclosures/${id}/attachments?fileName=${encodeURIComponent(name)}`, { cookie, body: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), headers: { 'content-type': 'application/pdf' } });
      expect(up.statusCode, up.body).toBe(201);
    }
    expect((await h.t.call('POST', `/api/disclosures/${id}/publish`, { cookie })).statusCode).toBe(200);
    const { askQuestion } = await import('../server/src/modules/disclosures/disclosures.questions.js');
    const q = await askQuestion(h.t.ctx, id, '13812360009', null, { body: '补偿标准是每亩多少元？', name: null });
    const held = (await h.t.call('GET', '/api/moderation?state=held&kind=disclosures.question', { cookie })).json().items.find((m: { refId: string }) => m.refId === q.id);
    await h.t.call('POST', `/api/moderation/${held.id}/approve`, { cookie, body: {} });
    expect((await h.t.call('PUT', `/api/disclosures/questions/${q.id}/answer`, { cookie, body: { text: '补偿标准为每亩每年30元。' } })).statusCode).toBe(200);

    const page = await h.newPage();
    await h.login(page, 'demo-hangzhou');
    await page.goto(`${h.base}/admin/disclosures/${id}`);
    await expect.poll(() => page.getByTestId('disclosure-attachment').count(), { timeout: 30_000 }).toBe(2);
    await page.getByRole('button', { name: '删除：村民代表会议记录.pdf' }).click();
    await page.getByText('已公开的版本仍保留该附件，保存修改发布新版本后不再包含。').waitFor();
    await page.locator('.ant-popconfirm').last().getByRole('button', { name: /删\s*除/ }).click();
    await page.getByText('已从编辑内容中删除；已公开的版本仍保留该附件').waitFor();
    await expect.poll(() => page.getByTestId('disclosure-attachment').count()).toBe(1);
    // Version 1 keeps both files until the edit is saved.
    expect((await h.t.call('GET', `/api/public/disclosures/${id}`)).json().attachments).toHaveLength(2);
    await page.getByTestId('disclosure-body').fill('<p>补偿资金按农户林地面积分配，明细见附件（会议记录另行存档）。</p>');
    await page.getByTestId('disclosure-save').click();
    await expect.poll(() => page.getByTestId('disclosure-fingerprint').count()).toBe(2);

    // The answer corrected in the console.
    await page.getByTestId('question-correct').click();
    await page.getByTestId('question-answer').fill('更正：补偿标准为每亩每年31.5元（原答复未含省级补助部分）。');
    await page.getByTestId('question-answer-submit').click();
    await page.locator('.ant-popconfirm').last().getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('更正已公开').first().waitFor();
    await expect.poll(() => page.getByTestId('question-answer-versions').textContent()).toContain('第2版');
    await expectNoAxeViolations(page, 'an item with a deleted attachment and a corrected answer');

    const pub = await h.newPage({ width: 390 });
    await pub.goto(`${h.base}/disclosure/${id}`);
    await expect.poll(() => pub.getByTestId('dp-answer-text').first().textContent()).toContain('31.5元');
    expect(await pub.locator('.dp-attachments li').count()).toBe(1);
    await pub.getByTestId('dp-answer-previous').locator('summary').click();
    await expect.poll(() => pub.getByTestId('dp-answer-previous').innerText()).toContain('补偿标准为每亩每年30元。');
    await expectNoAxeViolations(pub, 'a corrected answer with the earlier one');
    await pub.goto(`${h.base}/disclosure/${id}?v=1`);
    await expect.poll(() => pub.locator('.dp-attachments li').count()).toBe(2);
  }, 120_000);
});
