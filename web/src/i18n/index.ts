// i18next set-up. The entry carries the Chinese strings of the portal only (zh-CN.ts); the other faces' namespaces
// come with their chunks (strings.ts). English is fetched only when chosen, so the public page stays light. The
// choice is kept in localStorage.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';
import type { Catalogue } from './catalogue';
import { loadRegisteredEnglish } from './strings';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'dj.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let entryEnglish: Promise<void> | undefined;

async function ensureBundle(lang: Lang): Promise<void> {
  if (lang !== 'en') return;
  entryEnglish ??= import('./en').then(({ en }) => { i18n.addResourceBundle('en', 'translation', en, true, true); });
  await Promise.all([entryEnglish, loadRegisteredEnglish()]);
}

function reflect(lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = i18n.t('common.appName');
}

/** Initialises i18next with the stored language; resolves once its catalogue is loaded. */
export async function initI18n(): Promise<void> {
  const lang = storedLang();
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  if (lang !== 'zh-CN') await setLang(lang);
  else reflect(lang);
}

/** Switches the language, loading its catalogue if needed, and remembers the choice. */
export async function setLang(lang: Lang): Promise<void> {
  await ensureBundle(lang);
  await i18n.changeLanguage(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice simply is not remembered
  }
  reflect(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export { i18n };
export { addStrings, type StringsPart } from './strings';
