// Temporary screenshot script (not committed).
import { chromium } from 'playwright-core';
const B = 'http://127.0.0.1:3300';
const OUT = '/tmp/smsweb-shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, locale: 'zh-CN' });
  await ctx.request.post(`${B}/api/auth/login`, { data: { username: 'demo-province', password: 'Demo#2026' }, headers: { Origin: B } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', String(e).slice(0, 300)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('console', m.text().slice(0, 300)); });
  const shot = async (name) => { await page.waitForTimeout(800); await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true }); console.log('shot', name, width); };
  await page.goto(`${B}/admin/sms/broadcasts`); await page.getByTestId('broadcast-row').first().waitFor(); await shot('list');
  await page.goto(`${B}/admin/sms/broadcasts/new`);
  await page.getByTestId('sms-text').fill('{姓名}同志：请于本周五下午3点参加全县党建工作视频会议。');
  await page.getByTestId('sms-phones').fill('13700001111\n13812345678, 1381234');
  await page.getByTestId('sms-preview').click(); await page.waitForTimeout(1500); await shot('compose');
  await page.goto(`${B}/admin/sms/broadcasts/1`); await page.getByTestId('recipient-row').first().waitFor(); await shot('detail');
  await page.goto(`${B}/admin/sms/broadcasts/3`); await page.getByTestId('broadcast-state').waitFor(); await shot('detail-approval');
  await page.goto(`${B}/admin/sms/inbox`); await page.getByTestId('inbound-row').first().waitFor(); await shot('inbox');
  await page.goto(`${B}/admin/sms/phones`); await page.getByTestId('sim-phone').first().waitFor();
  if (width < 500) await shot('phones-list');
  await page.getByTestId('sim-phone').filter({ hasText: '15660879444' }).click();
  await page.getByTestId('sim-received').first().waitFor(); await shot('phones');
  await ctx.close();
}
await browser.close();
