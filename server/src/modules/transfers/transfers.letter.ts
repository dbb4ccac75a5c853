/** The printable 组织关系介绍信 (introduction letter): a self-contained HTML page, every value escaped. */
import type { TransferRow } from './transfers.repository.js';

const esc = (s: string | null | undefined) =>
  (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 2026-11-27 → 2026年11月27日; 2026-10 → 2026年10月 */
export const cnDate = (d: string) => {
  const [y, m, day] = d.split('-');
  return day ? `${y}年${Number(m)}月${Number(day)}日` : `${y}年${Number(m)}月`;
};

const CATEGORY = { full: '正式', probationary: '预备' } as Record<string, string>;

export function renderLetter(t: TransferRow): string {
  const to = t.destination === 'outside' ? `${t.to_province ?? ''}${t.to_city ?? ''}${t.to_org_name}` : t.to_org_name;
  const category = CATEGORY[t.member_category] ?? t.member_category;
  const issued = t.issued_on ? cnDate(t.issued_on) : '';
  const validity = t.issued_on && t.expires_on ? `${cnDate(t.issued_on)}至${cnDate(t.expires_on)}` : '';
  const body = `
    <p class="to">${esc(to)}：</p>
    <p class="body">兹介绍<u>${esc(t.member_name)}</u>同志（<u>${category}</u>党员，身份证号码<u>${esc(t.member_id_masked)}</u>）的党员组织关系由<u>${esc(t.from_org_name)}</u>转去你处，请接洽。</p>
    <p class="body">该同志党费已交到<u>${cnDate(t.dues_paid_to)}</u>。</p>
    <p class="body">（有效期<u>${t.validity_days}</u>天，${esc(validity)}）</p>
    <p class="sign">${esc(t.from_org_name)}（盖章）<br>${issued}</p>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>中国共产党党员组织关系介绍信 ${esc(t.letter_no)}</title>
<style>
  @page { size: A4; margin: 20mm; }
  body { font-family: "FangSong", "STFangsong", "仿宋", serif; font-size: 16pt; line-height: 1.9; color: #000; max-width: 170mm; margin: 0 auto; }
  h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 20pt; text-align: center; letter-spacing: 0.2em; margin: 0.5em 0 0.2em; color: #c00; }
  .no { text-align: right; margin: 0; }
  .body { text-indent: 2em; margin: 0.3em 0; }
  .sign { text-align: right; margin-top: 2em; }
  u { text-decoration: underline; text-underline-offset: 0.2em; padding: 0 0.3em; }
  .cut { border-top: 1px dashed #000; margin: 2em 0 1em; text-align: center; font-size: 10pt; }
</style>
</head>
<body>
<section class="letter">
  <h1>中国共产党党员组织关系介绍信</h1>
  <p class="no">${esc(t.letter_no)}号</p>
  ${body}
</section>
<div class="cut">（沿此线剪开，以下为回执，由接收党组织填写后寄回）</div>
<section class="receipt">
  <h1>回　执</h1>
  <p class="no">${esc(t.letter_no)}号</p>
  <p class="to">${esc(t.from_org_name)}：</p>
  <p class="body"><u>${esc(t.member_name)}</u>同志的党员组织关系已转达我处，特此回复。</p>
  <p class="sign">接收党组织（盖章）<br>　　年　　月　　日</p>
</section>
</body>
</html>
`;
}
