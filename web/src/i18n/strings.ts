// Namespaces of strings that travel with the chunk that uses them, so the public portal's entry carries only its own
// (zh-CN.ts: common, portal). A chunk's loader registers its namespaces with addStrings() before the chunk renders:
// the Chinese are bundled in the chunk, the English fetched only when English is (or becomes) the language.
import i18n from 'i18next';
import type { Catalogue, Namespace } from './catalogue';

type Strings = Record<string, unknown>;

export interface StringsPart<N extends Namespace = Namespace> {
  readonly ns: N;
  readonly zh: Strings;
  readonly en: () => Promise<Strings>;
}

/** One namespace (t('<ns>.…')): its Chinese strings and the loader of its English ones, typed to the same keys. */
export function strings<N extends Namespace>(ns: N, zh: Catalogue[N], en: () => Promise<Catalogue[N]>): StringsPart<N> {
  return { ns, zh, en } as StringsPart<N>;
}

const registered = new Map<string, StringsPart>();
const englishLoaded = new Set<string>();

async function loadEnglish(parts: Iterable<StringsPart>): Promise<void> {
  await Promise.all([...parts].filter((p) => !englishLoaded.has(p.ns)).map(async (p) => {
    i18n.addResourceBundle('en', 'translation', { [p.ns]: await p.en() }, true, true);
    englishLoaded.add(p.ns);
  }));
}

/** Adds namespaces to the catalogue; resolves once they are there in the current language. */
export async function addStrings(parts: readonly StringsPart[]): Promise<void> {
  const fresh = parts.filter((p) => !registered.has(p.ns));
  for (const p of fresh) {
    registered.set(p.ns, p);
    i18n.addResourceBundle('zh-CN', 'translation', { [p.ns]: p.zh }, true, true);
  }
  if (i18n.language === 'en') await loadEnglish(fresh);
}

/** The English of every namespace registered so far (called when the language becomes English). */
export function loadRegisteredEnglish(): Promise<void> {
  return loadEnglish(registered.values());
}
