/**
 * Chinese word segmentation (jieba, via `@node-rs/jieba`) for the text categorization engine
 * (docs/text-categorization.md).
 *
 * - `defaultSegmenter()`: one shared segmenter with jieba's default dictionary (≈ 350,000 words), built on first use.
 * - `segmenterFor(userWords)`: the default dictionary plus a staff-maintained user dictionary (words with an optional
 *   frequency and part-of-speech tag). Owners keep their words in a table and call this with the current list; the
 *   result is cached by the dictionary's content (a hash of the normalised, sorted words), so an unchanged dictionary
 *   is never rebuilt and a changed one is built once, on the next call. The cache keeps the last 4 dictionaries
 *   (each segmenter holds its own copy of the default dictionary: ≈ 35 MB).
 *
 * Building a segmenter loads the whole default dictionary (jieba has no way to copy one instance or to remove a word
 * from it): ≈ 0.1–0.15 s of CPU on the 2-core development machine under load, synchronous (native code). That is
 * paid once per dictionary change, not per request; `prepareSegmenter` lets an owner build it ahead (e.g. right
 * after staff save a word) so that no request waits for it.
 *
 * Text is normalised before segmentation (`normalizeText`): Unicode NFKC (full-width letters, digits and punctuation
 * become half-width: ＯＫ → OK, １２ → 12, ， → ,) and lower case for Latin letters (OK → ok).
 */
import crypto from 'node:crypto';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface UserWord {
  /** the word, kept whole by the segmenter */
  word: string;
  /** jieba frequency; when absent, one high enough for the word to be kept whole is computed (jieba's suggest_freq) */
  freq?: number;
  /** part-of-speech tag (n, v, nz …); jieba's default is none */
  tag?: string;
}

export interface Segmenter {
  /** Precise mode: every character belongs to exactly one token (村两委/班子/换届选举). Punctuation and spaces dropped. */
  cut(normalized: string): string[];
  /** Search mode: the precise tokens plus the dictionary words inside long ones (换届选举 → 换届, 选举, 换届选举). */
  cutForSearch(normalized: string): string[];
  /** the dictionary's content key ('' for the default dictionary) */
  readonly key: string;
}

/** NFKC + lower case: the form every reply, rule word and phrase is compared in. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Tokens that are only spaces or punctuation/symbols carry no meaning for rules. */
const NOISE = /^[\s\p{P}\p{S}]+$/u;

function wrap(jieba: Jieba, key: string): Segmenter {
  return {
    key,
    cut: (t) => jieba.cut(t, true).filter((w) => !NOISE.test(w)),
    cutForSearch: (t) => jieba.cutForSearch(t, true).filter((w) => !NOISE.test(w)),
  };
}

let shared: Segmenter | null = null;
let sharedJieba: Jieba | null = null;

/** The shared segmenter with the default dictionary (built on first call, ≈ 0.1 s). */
export function defaultSegmenter(): Segmenter {
  if (!shared) {
    sharedJieba = Jieba.withDict(dict);
    shared = wrap(sharedJieba, '');
  }
  return shared;
}

// ——— frequencies of the default dictionary (only for user words without a frequency) ———
// A Map of all 350,000 entries would cost ≈ 100 MB for the few look-ups a user dictionary needs: the dictionary
// text is searched instead (≈ 1–3 ms a look-up), and the answers kept.

let dictText: string | null = null;
let dictTotal = 0;
const freqCache = new Map<string, number | null>();

function dictFreq(word: string): number | null {
  if (dictText === null) {
    dictText = '\n' + Buffer.from(dict).toString('utf8');
    for (const m of dictText.matchAll(/ (\d+)/g)) dictTotal += Number(m[1]);
  }
  let f = freqCache.get(word);
  if (f === undefined) {
    const at = dictText.indexOf(`\n${word} `);
    f = at < 0 ? null : Number(/^\d+/.exec(dictText.slice(at + word.length + 2, at + word.length + 14))?.[0] ?? NaN);
    if (!Number.isFinite(f)) f = null;
    freqCache.set(word, f);
  }
  return f;
}

/**
 * jieba's suggest_freq(word, tune=False): the frequency at which the word beats the split the default dictionary
 * would give it (the product of its parts' probabilities), and never lower than its current frequency.
 */
function suggestFreq(word: string): number {
  defaultSegmenter();
  let p = 1;
  const parts = sharedJieba!.cut(word, false);
  for (const seg of parts) p *= (dictFreq(seg) ?? 1) / dictTotal;
  return Math.max(Math.floor(p * dictTotal) + 1, dictFreq(word) ?? 1);
}

/** The canonical form of a user dictionary: normalised, without duplicates (the last entry of a word wins), sorted. */
function canonical(words: readonly UserWord[]): UserWord[] {
  const byWord = new Map<string, UserWord>();
  for (const w of words) {
    const word = normalizeText(w.word.trim());
    if (word) byWord.set(word, { word, freq: w.freq, tag: w.tag });
  }
  return [...byWord.values()].sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/** Cache key of a user dictionary: sha-256 of its canonical form. */
export function dictionaryKey(words: readonly UserWord[]): string {
  const c = canonical(words);
  if (!c.length) return '';
  return crypto.createHash('sha256').update(JSON.stringify(c)).digest('hex').slice(0, 32);
}

/** Each segmenter holds its own copy of the default dictionary, ≈ 35 MB of memory. */
const CACHE_SIZE = 4;
const cache = new Map<string, Segmenter>();

/** Builds (without caching) a segmenter from the default dictionary plus `words`; see `segmenterFor`. */
export function buildSegmenter(words: readonly UserWord[]): Segmenter {
  const c = canonical(words);
  if (!c.length) return defaultSegmenter();
  const lines = c.map((w) => [w.word, String(w.freq ?? suggestFreq(w.word)), ...(w.tag ? [w.tag] : [])].join(' '));
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
  return wrap(jieba, dictionaryKey(c));
}

/**
 * The segmenter for a user dictionary, from the cache when the same dictionary (same words, frequencies and tags,
 * in any order) was asked for before; built otherwise (≈ 0.1–0.15 s) and cached (the 4 most recently used).
 */
export function segmenterFor(words: readonly UserWord[]): Segmenter {
  const key = dictionaryKey(words);
  if (!key) return defaultSegmenter();
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const s = buildSegmenter(words);
  cache.set(key, s);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return s;
}

/** Builds and caches the segmenter of a dictionary ahead of its first use (call it when staff change the words). */
export function prepareSegmenter(words: readonly UserWord[]): void {
  segmenterFor(words);
}
