/**
 * The language of an answer: Chinese unless the request's Accept-Language prefers English. The web client
 * sends the console's chosen language explicitly, so a Chinese console in an English browser stays Chinese.
 */
import type { FastifyRequest } from 'fastify';
import { installedModulesOrNull, PLATFORM_PROBLEM_TITLES } from './module.js';

export type Lang = 'zh' | 'en';

/** Parses Accept-Language (RFC 9110 q-values) and picks whichever of Chinese and English ranks higher. */
export function preferredLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  let best: { lang: Lang; q: number } = { lang: 'zh', q: -1 };
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | null = tag === 'en' || tag.startsWith('en-') ? 'en' : tag === 'zh' || tag.startsWith('zh-') || tag === '*' ? 'zh' : null;
    if (lang && q > best.q) best = { lang, q };
  }
  return best.lang;
}

export const requestLanguage = (req: Pick<FastifyRequest, 'headers'>): Lang => preferredLanguage(req.headers['accept-language']);

/** A problem's title in the request's language; a code without an English title keeps its Chinese one. */
export function problemTitle(code: string, zhTitle: string, lang: Lang): string {
  if (lang === 'zh') return zhTitle;
  return installedModulesOrNull()?.problemTitles.get(code) ?? PLATFORM_PROBLEM_TITLES[code] ?? zhTitle;
}
