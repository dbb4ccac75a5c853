/**
 * Demo 党务、村务、财务公开 (issue 11, item 2), made through the disclosures module's own commands (as 省委组织部's demo
 * account), so that the console, the public pages and the TV page show something right after start: in the township of
 * demo-secretary's village (龙井村, 西湖区), last quarter's party affairs, village affairs and finances of a few villages —
 * some on time, one late, the rest missing — one item edited after publication (two versions), and 西湖区委's calendar
 * for last quarter (due on the 15th of this quarter's first month) and this quarter (due ahead).
 */
// The commands check permissions: the manifests must be installed (the test templates load the demo without the app).
import '../modules/index.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../platform/actor.js';
import { addDays } from '../platform/china-time.js';
import { createItem, createPlan, publishItem, updateItem } from '../modules/disclosures/disclosures.service.js';
import type { DemoTree } from './demo-orgs.js';

const p = (...xs: string[]) => xs.map((x) => `<p>${x}</p>`).join('');

function quarterOf(day: string): { year: number; q: number } {
  return { year: Number(day.slice(0, 4)), q: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}
const firstDayOf = (year: number, q: number) => `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export async function insertDemoDisclosures(db: Kysely<DB>, tree: DemoTree, today: string): Promise<number> {
  const village = tree.secretaryBranch;
  const town = village.parent;
  const county = town?.parent;
  if (!town || !county) return 0;
  const villages = [village, ...tree.all.filter((o) => o.parent === town && o !== village && o.level === 'grassroots' && o.sector === 'rural')].slice(0, 4);
  const account = await db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', 'demo-province').executeTakeFirst();
  if (!account || villages.length < 3) return 0;
  const actor: Actor = {
    accountId: account.id, username: account.username, displayName: account.display_name, kind: 'staff', demo: true, memberId: null, sessionId: 'seed', mfaPassed: true,
    mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: 'seed', role: 'org_admin', orgId: tree.root.id, orgPath: tree.root.path, orgName: tree.root.name }],
  };
  const { year, q } = quarterOf(today);
  const last = q === 1 ? { year: year - 1, q: 4 } : { year, q: q - 1 };
  const lastPeriod = `${last.year}-Q${last.q}`;
  const thisPeriod = `${year}-Q${q}`;
  const due = addDays(firstDayOf(year, q), 14);
  const place = (o: typeof village) => o.name.replace(/(党总支|党支部)$/, '');
  let n = 0;
  const publishNew = async (orgId: string, kind: 'party' | 'village' | 'finance', title: string, bodyHtml: string, when: Date, finance?: Parameters<typeof createItem>[2]['finance']) => {
    const { id } = await createItem(db, actor, { orgId, kind, period: lastPeriod, title, bodyHtml, finance }, new Date(when.getTime() - 3_600_000));
    await publishItem(db, actor, id, when);
    n++;
    return id;
  };
  const lastLabel = `${last.year}年第${['一', '二', '三', '四'][last.q - 1]}季度`;

  for (const [i, v] of villages.entries()) {
    if (i === 3) break; // the fourth village publishes nothing: 未公开 on the board
    // Party affairs: on time, except the second village, a week late.
    const partyDay = i === 1 ? addDays(due, 7) : addDays(due, -5 + i);
    await publishNew(v.id, 'party', `${place(v)}${lastLabel}党务公开`, `<h2>一、组织建设</h2>${p(
      `本季度召开支部党员大会1次、支委会3次，开展“主题党日”活动3次，党员参与率${92 + i}%。`,
      '发展党员工作：确定入党积极分子2名，预备党员1名按期转正。',
    )}<h2>二、党费收缴</h2>${p(`本季度应缴党费${(1860 + i * 120).toLocaleString('en-US')}元，实缴${(1860 + i * 120).toLocaleString('en-US')}元，收缴率100%。`)}<h2>三、下季度工作安排</h2><ol><li>开展党员冬训。</li><li>做好流动党员联系服务。</li></ol>`,
    at(partyDay, 10));
    // Finances, with the income and expenditure table.
    const lease = 128000 + i * 7350;
    const roads = 56780 + i * 1250;
    const opening = 352140 + i * 10000;
    const finance = {
      opening: `${opening}.00`,
      lines: [
        { direction: 'income' as const, category: '上级转移支付', amount: '80000.00' },
        { direction: 'income' as const, category: '集体资产租赁收入', amount: `${lease}.50` },
        { direction: 'expense' as const, category: '道路及水利设施维修', amount: `${roads}.00` },
        { direction: 'expense' as const, category: '村干部误工补贴', amount: '36000.00' },
        { direction: 'expense' as const, category: '办公及水电费', amount: '4215.30' },
      ],
      incomeTotal: `${80000 + lease}.50`,
      expenseTotal: `${(roads + 36000 + 4215.3).toFixed(2)}`,
      closing: ((opening * 100 + (80000 + lease) * 100 + 50 - (roads * 100 + 3600000 + 421530)) / 100).toFixed(2),
    };
    await publishNew(v.id, 'finance', `${place(v)}${lastLabel}财务收支公开`, p('现将本村本季度财务收支情况公开如下，如有疑问，请向村务监督委员会反映。'), at(addDays(due, -3), 15), finance);
    // Village affairs; the first village corrects its notice after publication (two versions).
    const title = `${place(v)}村道路硬化及路灯安装工程公示`;
    const body = (amount: string) => `${p(
      `经村民代表会议讨论通过，本村实施主干道路硬化及路灯安装工程，总投资约${amount}万元，资金来源为上级补助和村集体经济收入。`,
      '施工单位经公开比选确定，工期60天。工程质量接受全体村民监督。',
    )}<table><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody><tr><td>道路硬化</td><td>1.2公里</td></tr><tr><td>路灯安装</td><td>48盏</td></tr></tbody></table>`;
    const id = await publishNew(v.id, 'village', title, body('36'), at(addDays(due, -8 + i), 9));
    if (i === 0) {
      await updateItem(db, actor, id, { version: 1, title: `${title}（更正）`, bodyHtml: body('38.5') }, at(addDays(due, -6), 16));
    }
  }
  // This quarter: the first village has already published its party affairs.
  const { id: current } = await createItem(db, actor, {
    orgId: village.id, kind: 'party', period: thisPeriod, title: `${place(village)}${year}年第${['一', '二', '三', '四'][q - 1]}季度党务公开（阶段）`,
    bodyHtml: p('本季度已召开支部党员大会1次，开展“主题党日”活动2次。', '党员冬训工作正在筹备中。'),
  }, at(addDays(today, -2), 9));
  await publishItem(db, actor, current, at(addDays(today, -2), 10));
  n++;
  // 西湖区委's calendar: last quarter's three kinds (due on the 15th of this quarter's first month), this quarter's party affairs.
  for (const kind of ['party', 'village', 'finance'] as const) await createPlan(db, actor, { orgId: county.id, kind, period: lastPeriod, dueOn: due }, at(firstDayOf(last.year, last.q), 9));
  await createPlan(db, actor, { orgId: county.id, kind: 'party', period: thisPeriod, dueOn: addDays(firstDayOf(q === 4 ? year + 1 : year, q === 4 ? 1 : q + 1), 14) }, at(firstDayOf(year, q), 9));
  return n;
}
