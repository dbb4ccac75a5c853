/** The rich-text sanitizer renders classic XSS payloads inert and keeps the allowed formatting. */
import { describe, expect, it } from 'vitest';
import { richTextToPlain, sanitizeRichText } from './sanitize.js';

const OWN = /^\/api\/public\/disclosures\/[0-9]+\/attachments\/[0-9]+$/;
const clean = (h: string) => sanitizeRichText(h, { imageSrc: OWN });

/** Classic payloads (OWASP XSS filter evasion cheat sheet and friends). */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//xss.rocks/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=/api/public/disclosures/1/attachments/2 onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">点击</a>',
  '<a href="JAVASCRIPT:alert(1)">点击</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">点击</a>',
  '<a href="jav&#x09;ascript:alert(1)">点击</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点击</a>',
  '<a href="vbscript:msgbox(1)">点击</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="position:fixed;top:0;left:0;width:100%;height:100%" onmouseover="alert(1)">x</p>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '<table background="javascript:alert(1)"><tr><td onclick=alert(1)>x</td></tr></table>',
  '"><script>alert(1)</script>',
  '<<script>alert(1);//<</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<video><source onerror="alert(1)">',
  '<marquee onstart=alert(1)>x</marquee>',
  '<a href="//evil.example/x">x</a>',
  '<p><img src="https://evil.example/track.png">图片</p>',
  '<p><img src="data:image/png;base64,iVBORw0KGgo=">图片</p>',
];

describe('sanitizeRichText', () => {
  it.each(PAYLOADS)('renders %s inert', (payload) => {
    const out = clean(payload);
    expect(out).not.toMatch(/<\s*(script|svg|iframe|object|embed|style|link|meta|base|form|input|math|body|details|video|source|marquee|div)\b/i);
    expect(out).not.toMatch(/\son[a-z]+\s*=/i);
    expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(out).not.toMatch(/\sstyle\s*=/i);
    expect(out).not.toMatch(/href="\/\//);
    expect(out).not.toMatch(/https:\/\/evil/);
  });

  it('keeps paragraphs, headings, lists, tables, emphasis and safe links', () => {
    const html = '<h2>一、收支情况</h2><p><b>本季度</b>收入<i>增加</i>。</p><ul><li>项目一</li></ul><ol><li>项目二</li></ol>'
      + '<table><thead><tr><th>项目</th></tr></thead><tbody><tr><td colspan="2">道路硬化</td></tr></tbody></table>'
      + '<p><a href="https://www.zj.gov.cn/">浙江省人民政府</a> <a href="tel:0571-12345">电话</a></p>';
    const out = clean(html);
    expect(out).toContain('<h2>一、收支情况</h2>');
    expect(out).toContain('<strong>本季度</strong>');
    expect(out).toContain('<em>增加</em>');
    expect(out).toContain('<td colspan="2">道路硬化</td>');
    expect(out).toContain('<a href="https://www.zj.gov.cn/" rel="noopener noreferrer nofollow">浙江省人民政府</a>');
    expect(out).toContain('href="tel:0571-12345"');
  });

  it('keeps images only from the allowed addresses, and none without an allow list', () => {
    const own = '<img src="/api/public/disclosures/12/attachments/34" alt="公示照片">';
    expect(clean(own)).toBe('<img src="/api/public/disclosures/12/attachments/34" alt="公示照片" />');
    expect(sanitizeRichText(own)).toBe('');
  });

  it('keeps the text of what it drops, escaped, but not the text of scripts', () => {
    expect(clean('<p>1 < 2 & "引号"</p><script>steal()</script>')).toBe('<p>1 &lt; 2 &amp; "引号"</p>');
    expect(clean('<div>村务<span onclick="x()">公开</span></div>')).toBe('村务公开');
  });

  it('gives the plain text for search', () => {
    expect(richTextToPlain('<h2>标题</h2><p>村集体&amp;收入</p><ul><li>一</li><li>二</li></ul>')).toBe('标题\n村集体&收入\n一\n二');
  });
});
