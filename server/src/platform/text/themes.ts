/**
 * Theme suggestions for replies no category caught (其他): clusters of similar replies, each with its keywords,
 * its most central replies and a rule that catches it (docs/text-categorization.md, "Theme suggestions").
 *
 * Pure (no database); the owner calls it from a job. Method, in short:
 * 1. each reply is normalised (NFKC, lower case, as the rule engine does), identical replies are taken once (with
 *    their count as weight), and each distinct text is segmented once with the owner's segmenter;
 * 2. terms (`themeTerms`): the words of precise segmentation without stop words, numbers, punctuation and single
 *    characters (but a few that mean something alone: 路, 水, 电 …), each with the dictionary words inside it
 *    (换届选举 → 换届, 选举); at most MAX_TOKENS terms a reply; a term must be in 2 replies;
 * 3. TF-IDF vectors (1 + log tf) × (log((n + 1) / df) + 0.1), L2-normalised, then smoothed by co-occurrence: each
 *    vector also gets, at half weight, the terms its terms go with in other replies (lift ≥ 2) — short replies on
 *    one theme often share no word;
 * 4. spherical k-means (cosine) with k-means++ seeding from a fixed seed, over-clustered (3 × maxThemes);
 * 5. the clusters are merged bottom-up by average similarity (average link); the number of themes is the fewest
 *    whose simplified silhouette is within SILHOUETTE_TOLERANCE of the best among 2…maxThemes; a few k-means
 *    passes refine it;
 * 6. replies too far from their theme (cosine < MIN_SIMILARITY) and themes smaller than minSize are unclustered;
 * 7. keywords: terms by p(term | theme) × log(lift), lift = p(term | theme) / p(term | all), without a term inside a
 *    longer keyword that says the same; the suggested rule is one `any` rule with `inside` (as the terms were
 *    taken) of the keywords that are precise as the engine matches them (≥ 70 % of the replies it would catch are
 *    in the theme), completed greedily by precise terms until it catches ≥ 80 % of the theme (the bar lowered to
 *    50 %, then 30 %, when it cannot).
 *
 * Deterministic: the same replies in the same order give the same themes (fixed seed, ties broken by index/term).
 * Cooperative: it yields to the event loop (setImmediate) after at most YIELD_MS of work, reports progress, and
 * stops at the next yield when `signal` aborts (throwing the signal's reason).
 */
import { normalizeText, type Segmenter } from './segmenter.js';
import type { RuleInput } from './rules.schema.js';

export interface ThemeReply { id: string; text: string }

export interface Theme {
  /** 5–8 terms (fewer when the theme has fewer characteristic terms), most characteristic first */
  keywords: string[];
  /** number of replies */
  size: number;
  /** every reply of the theme, in input order */
  replyIds: string[];
  /** the most central replies (distinct texts), most central first */
  examples: ThemeReply[];
  /** the first two keywords joined with 、 */
  suggestedName: string;
  /** one `any` rule with `inside` (precise keywords and terms), valid for validateRuleSet */
  suggestedRules: RuleInput[];
}

export interface ThemeSuggestions {
  themes: Theme[];
  /** replies in no theme (no meaningful word, too far from every theme, or in a theme below minSize) */
  unclustered: number;
  took: {
    /** wall time, milliseconds */
    ms: number;
    /** the longest stretch of work between two yields to the event loop, milliseconds (wall time: it includes garbage
     *  collection and, on a loaded machine, time the process was not scheduled) */
    longestStepMs: number;
    replies: number;
    /** distinct normalised texts */
    distinct: number;
    /** terms used for clustering */
    vocabulary: number;
    /** clusters of the k-means pass, before merging */
    initialClusters: number;
  };
}

export interface SuggestOptions {
  /** at most this many themes (default 8) */
  maxThemes?: number;
  /** a theme has at least this many replies (default max(3, 1 % of the replies)) */
  minSize?: number;
  /** examples a theme (default 5) */
  examples?: number;
  /** called with (done, total) as work advances: non-decreasing, last call (total, total) */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Characters of a reply segmented at most (a 10-part SMS is 670). */
export const MAX_CHARS = 2000;
/** Terms of a reply used at most. */
export const MAX_TOKENS = 200;
/** A reply joins a theme only if its cosine to the theme's centre is at least this. */
export const MIN_SIMILARITY = 0.1;
const MAX_VOCABULARY = 5000;
/** Fewer themes are preferred unless more improve the silhouette by more than this. */
const SILHOUETTE_TOLERANCE = 0.03;
/** Co-occurrence smoothing: weight of the associated terms, and which associations count. */
const SMOOTHING = 0.5;
const MIN_LIFT = 2;
const MIN_CONDITIONAL = 0.1;
const MAX_NEIGHBOURS = 8;
/** Only the first terms of a reply count for co-occurrence (pairs grow with the square). */
const MAX_PAIR_TERMS = 40;
/**
 * The suggested rule: each word precise to this share (lowered step by step when precise words cannot catch enough),
 * the words catching this share of the theme, at most so many words.
 */
const RULE_PRECISION = [0.7, 0.5, 0.3];
const RULE_COVERAGE = 0.8;
const MAX_RULE_WORDS = 12;
const MAX_CANDIDATES = 200;
const KMEANS_ITERATIONS = 20;
const REFINE_ITERATIONS = 3;
const SEED = 0x5eed7e3;
/** Yield to the event loop when this many milliseconds of work passed since the last yield (checked every item). */
const YIELD_MS = 10;

/** Words that carry no theme in a reply to a survey (function words, politeness, hedges, generic verbs). */
export const STOP_WORDS = new Set(
  `的 了 是 在 和 与 及 或 也 都 就 还 又 很 太 更 最 要 会 能 可 可以 应该 应当 需要 必须 我 我们 你 你们 他 她 它 他们 咱们
  自己 大家 这 那 这个 那个 这些 那些 这样 那样 这里 那里 什么 怎么 怎样 如何 为什么 因为 所以 但是 但 而 而且 并 并且 如果 虽然
  然后 还是 以及 对于 关于 对 把 被 让 给 从 向 到 为 以 于 之 其 等 等等 着 过 吗 呢 吧 啊 呀 哦 嗯 哈 啦 嘛 有 没有 没 不 不是
  无 非常 比较 一些 一点 一下 一个 一定 有些 有的 目前 现在 当前 今后 以后 以前 已经 正在 希望 建议 认为 觉得 感觉 我认为 我觉得 我们村
  说实话 其实 还有 另外 同时 主要 问题 方面 情况 工作 进一步 切实 加强 加大 提高 做好 抓好 继续 注意 进行 开展 实现 推进 落实 解决
  帮助 支持 上级 领导 组织部 谢谢 感谢 收到 好的 好 您好 你好 同意 ok 嗯嗯 呵呵 哈哈 请 多 少 大 小 上 下 中 里 内 外 后 前 年 月 日 个 些 次
  不够 不好 不足 不上 跟不上 太低 太少 太多 太小 太大 太难 很难 困难 缺少 缺乏 越来越 越少 越多 大多 突出 重视 具体 办法 出台 尽快 盼`.split(/\s+/),
);

/** Single characters that mean something alone in these replies (others are dropped). */
const MEANINGFUL_CHARS = new Set('路 水 电 桥 灯 钱 房 田 地 网 车 税 粮 树 河 井 厕 村 党 医 药 学 钱 债 贷 官 警 污 菜'.split(' '));

const NUMBERISH = /^[\d.,%:/\-+]+$/u;
const LATIN_SHORT = /^[a-z]$/;
const HAS_LETTER = /[\p{L}]/u;

const meaningful = (t: string) =>
  !!t && t.length <= 30 && !/\s/.test(t) && !NUMBERISH.test(t) && !LATIN_SHORT.test(t) && HAS_LETTER.test(t) &&
  !STOP_WORDS.has(t) && ([...t].length > 1 || MEANINGFUL_CHARS.has(t));

/**
 * The terms of a normalised text that can carry a theme: the words of precise segmentation that are not stop words
 * (nor numbers, punctuation, single characters), each followed by the dictionary words inside it when it is longer
 * than two characters (search mode: 换届选举 → 换届, 选举, 换届选举), so that replies saying 换届选举 and 选举 meet.
 * A stop word's inner words are not taken (组织 inside 组织部). At most MAX_TOKENS terms, from the first MAX_CHARS.
 */
export function themeTerms(normalized: string, seg: Segmenter): string[] {
  const text = normalized.length > MAX_CHARS ? normalized.slice(0, MAX_CHARS) : normalized;
  const out: string[] = [];
  for (const raw of seg.cut(text)) {
    const t = raw.trim();
    if (!meaningful(t)) continue;
    if (t.length > 2) for (const inner of seg.cutForSearch(t)) if (inner !== t && meaningful(inner)) out.push(inner);
    out.push(t);
    if (out.length >= MAX_TOKENS) return out.slice(0, MAX_TOKENS);
  }
  return out;
}

function mulberry32(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A distinct normalised text: its replies (indices in the input), its terms and its TF-IDF vector. */
interface Doc {
  first: number;
  replies: number[];
  terms: string[];
  /** what an `any` rule with `inside` sees: the search-mode tokens of the text, unfiltered, each once (an array: a
   *  few dozen at most, and far lighter than a Set for the garbage collector) */
  match: string[];
  /** vocabulary indices and weights, L2-normalised; empty when no term is in the vocabulary */
  idx: Int32Array;
  val: Float64Array;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Proposes themes among replies (normally those no category caught). See the file comment for the method.
 * Throws the signal's reason when aborted.
 */
export async function suggestThemes(replies: readonly ThemeReply[], seg: Segmenter, opts: SuggestOptions = {}): Promise<ThemeSuggestions> {
  const started = performance.now();
  const n = replies.length;
  const whole = (v: number | undefined, dflt: number, min: number) => Math.max(min, Number.isFinite(v) ? Math.floor(v!) : dflt);
  const maxThemes = whole(opts.maxThemes, 8, 1);
  const minSize = whole(opts.minSize, Math.max(3, Math.ceil(n * 0.01)), 1);
  const exampleCount = whole(opts.examples, 5, 0);
  const signal = opts.signal;
  signal?.throwIfAborted();

  // ——— cooperative scheduling and progress ———
  let lastYield = performance.now();
  let done = 0;
  let total = 1;
  let reported = -1;
  const report = async (d: number) => {
    done = Math.max(done, Math.min(Math.floor(d), total));
    if (opts.onProgress && done !== reported) {
      reported = done;
      await opts.onProgress(done, total);
    }
  };
  // Every loop asks `due()` after each item (each well under a millisecond) and then awaits `breathe`, which yields
  // (setImmediate), checks the signal and reports progress: no synchronous stretch is much longer than YIELD_MS, and
  // the fast path allocates nothing (a promise an item would feed the garbage collector).
  const due = () => performance.now() - lastYield >= YIELD_MS;
  let longestStep = 0;
  const breathe = async (d?: number) => {
    longestStep = Math.max(longestStep, performance.now() - lastYield);
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    if (d !== undefined) await report(d);
    lastYield = performance.now();
  };
  const pause = async () => {
    longestStep = Math.max(longestStep, performance.now() - lastYield);
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    lastYield = performance.now();
  };

  // ——— 1. distinct normalised texts ———
  const byText = new Map<string, Doc>();
  const docs: Doc[] = [];
  const normalized: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = normalizeText(replies[i].text ?? '').trim().replace(/\s+/g, ' ');
    normalized[i] = t;
    let d = byText.get(t);
    if (!d) {
      d = { first: i, replies: [], terms: [], match: [], idx: new Int32Array(0), val: new Float64Array(0) };
      byText.set(t, d);
      docs.push(d);
    }
    d.replies.push(i);
    if (due()) await breathe();
  }
  const D = docs.length;
  // Progress units: a pass over the distinct texts is D units: segmentation, vectors, smoothing, k-means
  // (KMEANS_ITERATIONS passes), merging, refining (REFINE_ITERATIONS passes), keywords.
  const AT_VECTORS = D;
  const AT_SMOOTHING = 2 * D;
  const AT_KMEANS = 3 * D;
  const AT_MERGING = (3 + KMEANS_ITERATIONS) * D;
  const AT_REFINING = (4 + KMEANS_ITERATIONS) * D;
  const AT_KEYWORDS = (4 + KMEANS_ITERATIONS + REFINE_ITERATIONS) * D;
  total = Math.max(1, (5 + KMEANS_ITERATIONS + REFINE_ITERATIONS) * D);
  await report(0);
  const finish = async (themes: Theme[]): Promise<ThemeSuggestions> => {
    longestStep = Math.max(longestStep, performance.now() - lastYield);
    await report(total);
    const inThemes = themes.reduce((s, t) => s + t.size, 0);
    return {
      themes,
      unclustered: n - inThemes,
      took: {
        ms: Math.round(performance.now() - started), longestStepMs: Math.round(longestStep),
        replies: n, distinct: D, vocabulary: vocabulary.length, initialClusters,
      },
    };
  };
  let vocabulary: string[] = [];
  let initialClusters = 0;
  if (n === 0) return finish([]);

  // ——— 2. terms and document frequencies (counted in replies, not distinct texts) ———
  const df = new Map<string, number>();
  const ruleDf = new Map<string, number>();
  for (let i = 0; i < D; i++) {
    const d = docs[i];
    const text = normalized[d.first];
    d.terms = themeTerms(text, seg);
    d.match = [...new Set(seg.cutForSearch(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text))];
    const w = d.replies.length;
    for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + w);
    for (const t of d.match) ruleDf.set(t, (ruleDf.get(t) ?? 0) + w);
    if (due()) await breathe(i);
  }
  await report(AT_VECTORS);
  await pause();
  vocabulary = [...df.entries()]
    .filter(([, f]) => f >= 2)
    .sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]))
    .slice(0, MAX_VOCABULARY)
    .map(([t]) => t);
  const V = vocabulary.length;
  const termIndex = new Map(vocabulary.map((t, i) => [t, i]));
  const idf = new Float64Array(V);
  const dfOf = new Float64Array(V);
  for (let j = 0; j < V; j++) {
    dfOf[j] = df.get(vocabulary[j])!;
    idf[j] = Math.log((n + 1) / dfOf[j]) + 0.1;
  }

  // ——— 3. TF-IDF vectors ———
  const active: number[] = []; // docs with a vector
  for (let i = 0; i < D; i++) {
    const d = docs[i];
    const tf = new Map<number, number>();
    for (const t of d.terms) {
      const j = termIndex.get(t);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const idx = [...tf.keys()].sort((a, b) => a - b);
    const val = idx.map((j) => (1 + Math.log(tf.get(j)!)) * idf[j]);
    const norm = Math.hypot(...val);
    d.idx = Int32Array.from(idx);
    d.val = Float64Array.from(val.map((v) => v / (norm || 1)));
    if (idx.length) active.push(i);
    if (due()) await breathe(AT_VECTORS + i);
  }
  await report(AT_SMOOTHING);
  const activeWeight = active.reduce((s, i) => s + docs[i].replies.length, 0);
  if (!active.length || activeWeight < minSize) return finish([]);

  // ——— 3b. co-occurrence smoothing: short replies on one theme often share no word (候选人资格审查要严格 /
  // 换届选举要公平公正); each vector also gets, at weight SMOOTHING, the terms its terms go with elsewhere.
  // co-occurrence counts by row (x < y), one small map a term rather than one large one (its rehash would block)
  const co: Map<number, number>[] = Array.from({ length: V }, () => new Map());
  for (let a = 0; a < active.length; a++) {
    const d = docs[active[a]];
    const w = d.replies.length;
    const m = Math.min(d.idx.length, MAX_PAIR_TERMS);
    for (let p = 0; p < m; p++) {
      const row = co[d.idx[p]];
      for (let q = p + 1; q < m; q++) row.set(d.idx[q], (row.get(d.idx[q]) ?? 0) + w);
    }
    if (due()) await breathe(AT_SMOOTHING + a / 2);
  }
  const neighbours: { j: number; p: number }[][] = Array.from({ length: V }, () => []);
  for (let x = 0; x < V; x++) {
    for (const [y, c] of co[x]) {
      if (c < 2) continue;
      if ((c * n) / (dfOf[x] * dfOf[y]) < MIN_LIFT) continue;
      if (c / dfOf[x] >= MIN_CONDITIONAL) neighbours[x].push({ j: y, p: c / dfOf[x] });
      if (c / dfOf[y] >= MIN_CONDITIONAL) neighbours[y].push({ j: x, p: c / dfOf[y] });
    }
    co[x].clear();
    if (due()) await breathe();
  }
  for (let j = 0; j < V; j++) {
    neighbours[j] = neighbours[j].sort((a, b) => b.p - a.p || a.j - b.j).slice(0, MAX_NEIGHBOURS);
    if (due()) await breathe();
  }
  for (let a = 0; a < active.length; a++) {
    const d = docs[active[a]];
    const acc = new Map<number, number>();
    for (let q = 0; q < d.idx.length; q++) acc.set(d.idx[q], (acc.get(d.idx[q]) ?? 0) + d.val[q]);
    for (let q = 0; q < d.idx.length; q++) {
      for (const nb of neighbours[d.idx[q]]) acc.set(nb.j, (acc.get(nb.j) ?? 0) + SMOOTHING * d.val[q] * nb.p);
    }
    const idx = [...acc.keys()].sort((x, y) => x - y);
    let norm = 0;
    for (const j of idx) norm += acc.get(j)! ** 2;
    norm = Math.sqrt(norm) || 1;
    d.idx = Int32Array.from(idx);
    d.val = Float64Array.from(idx.map((j) => acc.get(j)! / norm));
    if (due()) await breathe(AT_SMOOTHING + (active.length + a) / 2);
  }
  await report(AT_KMEANS);

  const dotDense = (d: Doc, c: Float64Array) => {
    let s = 0;
    for (let k = 0; k < d.idx.length; k++) s += d.val[k] * c[d.idx[k]];
    return s;
  };

  // ——— 4. spherical k-means, over-clustered ———
  const K0 = Math.max(1, Math.min(3 * maxThemes, Math.floor(activeWeight / minSize), active.length));
  initialClusters = K0;
  const rand = mulberry32(SEED);
  // k-means++: the first centre a weighted random doc, each next one with probability ∝ weight × (1 − best cosine).
  const centres: Float64Array[] = [];
  const best = new Float64Array(D).fill(-1);
  const vectorOf = (i: number) => {
    const c = new Float64Array(V);
    const d = docs[i];
    for (let k = 0; k < d.idx.length; k++) c[d.idx[k]] = d.val[k];
    return c;
  };
  const pickWeighted = (weightOf: (i: number) => number) => {
    let sum = 0;
    for (const i of active) sum += weightOf(i);
    if (sum <= 0) return -1;
    let r = rand() * sum;
    for (const i of active) {
      r -= weightOf(i);
      if (r < 0) return i;
    }
    return active[active.length - 1];
  };
  const chosen = new Set<number>();
  let next = pickWeighted((i) => docs[i].replies.length);
  while (centres.length < K0 && next >= 0) {
    chosen.add(next);
    const c = vectorOf(next);
    centres.push(c);
    for (const i of active) {
      const s = dotDense(docs[i], c);
      if (s > best[i]) best[i] = s;
      if (due()) await breathe();
    }
    next = pickWeighted((i) => (chosen.has(i) ? 0 : docs[i].replies.length * Math.max(0, 1 - best[i])));
  }
  const K = centres.length;
  const assign = new Int32Array(D).fill(-1);
  const sim = new Float64Array(D);
  const assignAll = async (cs: Float64Array[], base: number) => {
    let changed = 0;
    for (let a = 0; a < active.length; a++) {
      const d = docs[active[a]];
      let bi = 0;
      let bs = -Infinity;
      for (let k = 0; k < cs.length; k++) {
        const s = dotDense(d, cs[k]);
        if (s > bs) { bs = s; bi = k; }
      }
      if (assign[active[a]] !== bi) changed++;
      assign[active[a]] = bi;
      sim[active[a]] = bs;
      if (due()) await breathe(base + a);
    }
    return changed;
  };
  /** Weighted sums of the unit vectors of each cluster (not normalised), and the weights. */
  const sums = async (k: number, label: (i: number) => number) => {
    const S = Array.from({ length: k }, () => new Float64Array(V));
    const W = new Float64Array(k);
    for (const i of active) {
      if (due()) await breathe();
      const c = label(i);
      if (c < 0) continue;
      const d = docs[i];
      const w = d.replies.length;
      W[c] += w;
      for (let q = 0; q < d.idx.length; q++) S[c][d.idx[q]] += w * d.val[q];
    }
    return { S, W };
  };
  const normalise = (v: Float64Array) => {
    let s = 0;
    for (let j = 0; j < v.length; j++) s += v[j] * v[j];
    const norm = Math.sqrt(s) || 1;
    const out = new Float64Array(v.length);
    for (let j = 0; j < v.length; j++) out[j] = v[j] / norm;
    return out;
  };
  for (let iter = 0; iter < KMEANS_ITERATIONS; iter++) {
    const changed = await assignAll(centres, AT_KMEANS + iter * D);
    if (changed === 0 && iter > 0) break;
    const { S, W } = await sums(K, (i) => assign[i]);
    for (let k = 0; k < K; k++) {
      if (W[k] > 0) centres[k] = normalise(S[k]);
      // an empty cluster takes the doc farthest from its centre (lowest index on ties)
      else {
        let far = -1;
        for (const i of active) if (far < 0 || sim[i] < sim[far]) far = i;
        centres[k] = vectorOf(far);
        sim[far] = Infinity;
      }
    }
    await pause();
  }
  await report(AT_MERGING);

  // ——— 5. average-link merging; the level with the best simplified silhouette ———
  const { S: S0, W: W0 } = await sums(K, (i) => assign[i]);
  // P[a × K + k] = doc · S0[k] for the active docs
  const P = new Float64Array(active.length * K);
  for (let a = 0; a < active.length; a++) {
    for (let k = 0; k < K; k++) P[a * K + k] = dotDense(docs[active[a]], S0[k]);
    if (due()) await breathe();
  }
  // Gram matrix of the cluster sums
  const G: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let x = 0; x < K; x++) {
    for (let y = x; y < K; y++) {
      let s = 0;
      const a = S0[x];
      const b = S0[y];
      for (let j = 0; j < V; j++) s += a[j] * b[j];
      G[x][y] = G[y][x] = s;
    }
    await pause();
  }
  // groups: each a set of initial clusters; merge the pair with the highest average similarity
  let groups: number[][] = [];
  for (let k = 0; k < K; k++) if (W0[k] > 0) groups.push([k]);
  const gW = (g: number[]) => g.reduce((s, k) => s + W0[k], 0);
  const gDot = (g: number[], h: number[]) => {
    let s = 0;
    for (const x of g) for (const y of h) s += G[x][y];
    return s;
  };
  const silhouette = async (gs: number[][]) => {
    const norms = gs.map((g) => Math.sqrt(gDot(g, g)) || 1);
    let total = 0;
    let weight = 0;
    for (let a = 0; a < active.length; a++) {
      const i = active[a];
      let own = 0;
      let other = -Infinity;
      for (let g = 0; g < gs.length; g++) {
        let s = 0;
        for (const k of gs[g]) s += P[a * K + k];
        s /= norms[g];
        if (gs[g].includes(assign[i])) own = s;
        else if (s > other) other = s;
      }
      const da = 1 - own;
      const db = 1 - other;
      const w = docs[i].replies.length;
      total += w * (Math.max(da, db) > 0 ? (db - da) / Math.max(da, db) : 0);
      weight += w;
      if (due()) await breathe();
    }
    return weight ? total / weight : 0;
  };
  const levels: { groups: number[][]; score: number }[] = [];
  while (groups.length > 1) {
    if (groups.length <= maxThemes) {
      const score = await silhouette(groups);
      levels.push({ groups, score });
    }
    let bx = 0;
    let by = 1;
    let bs = -Infinity;
    for (let x = 0; x < groups.length; x++) {
      for (let y = x + 1; y < groups.length; y++) {
        const s = gDot(groups[x], groups[y]) / (gW(groups[x]) * gW(groups[y]));
        if (s > bs) { bs = s; bx = x; by = y; }
      }
    }
    groups = groups.filter((_, g) => g !== bx && g !== by).concat([[...groups[bx], ...groups[by]].sort((a, b) => a - b)]);
    await pause();
  }
  // the fewest themes whose silhouette is within SILHOUETTE_TOLERANCE of the best (a single cluster from the start: it)
  const bestScore = Math.max(...levels.map((l) => l.score));
  const bestGroups = levels.length ? levels.filter((l) => l.score >= bestScore - SILHOUETTE_TOLERANCE).at(-1)!.groups : groups;
  // refine: k-means passes from the merged centres
  const label = new Int32Array(K);
  bestGroups.forEach((g, gi) => g.forEach((k) => (label[k] = gi)));
  const { S: S1 } = await sums(bestGroups.length, (i) => label[assign[i]]);
  let cs = S1.map(normalise);
  for (let r = 0; r < REFINE_ITERATIONS; r++) {
    const changed = await assignAll(cs, AT_REFINING + r * D);
    const { S, W } = await sums(cs.length, (i) => assign[i]);
    cs = S.map((s, k) => (W[k] > 0 ? normalise(s) : cs[k]));
    if (!changed) break;
  }
  await assignAll(cs, AT_KEYWORDS - D);
  await report(AT_KEYWORDS);

  // ——— 6. outliers and small clusters ———
  const members: number[][] = cs.map(() => []);
  for (const i of active) if (sim[i] >= MIN_SIMILARITY) members[assign[i]].push(i);
  const kept = members
    .map((m, k) => ({ k, docs: m, size: m.reduce((s, i) => s + docs[i].replies.length, 0) }))
    .filter((c) => c.size >= minSize)
    .sort((a, b) => b.size - a.size || docs[a.docs[0]].first - docs[b.docs[0]].first)
    .slice(0, maxThemes);

  // ——— 7. keywords, rules, examples ———
  const themes: Theme[] = [];
  const themeOf = new Int32Array(n).fill(-1);
  const base = AT_KEYWORDS;
  let progressed = 0;
  for (const c of kept) {
    const inDf = new Map<string, number>();
    for (const i of c.docs) {
      const w = docs[i].replies.length;
      for (const t of new Set(docs[i].terms)) inDf.set(t, (inDf.get(t) ?? 0) + w);
      progressed++;
      if (due()) await breathe(base + progressed);
    }
    await pause();
    const scored = [...inDf.entries()]
      .filter(([t, f]) => f >= Math.min(2, c.size) && df.get(t)! > 0)
      .map(([t, f]) => {
        const pIn = f / c.size;
        const lift = pIn / (df.get(t)! / n);
        return { t, f, score: lift > 1 ? pIn * Math.log(lift) : 0 };
      })
      .filter((x) => x.score > 0 || c.size === n)
      .sort((a, b) => b.score - a.score || b.f - a.f || cmpStr(a.t, b.t));
    // every term is in the whole set when the theme is the whole set: rank by frequency then
    if (c.size === n) scored.sort((a, b) => b.f - a.f || cmpStr(a.t, b.t));
    // only the most characteristic terms are candidates (keywords and rule words): a large theme has thousands
    scored.length = Math.min(scored.length, MAX_CANDIDATES);
    // a term inside a longer candidate found in nearly as many of the theme's replies adds nothing (委会, 村委 in 村委会)
    const candidates = scored.filter((x) => !scored.some((y) => y.t.length > x.t.length && y.t.includes(x.t) && y.f >= 0.8 * x.f));
    const top = candidates[0]?.score ?? 0;
    const keywords = candidates.filter((x, r) => r < 5 || (r < 8 && x.score >= top * 0.1)).slice(0, 8);
    // The rule: the keywords that are precise as the engine would match them (of all the replies whose search-mode
    // tokens hold the word, ≥ RULE_PRECISION are in the theme), completed greedily with precise terms of the theme
    // until it catches ≥ RULE_COVERAGE of it.
    await pause();
    const inRule = new Map<string, number>();
    for (const i of c.docs) {
      for (const t of docs[i].match) inRule.set(t, (inRule.get(t) ?? 0) + docs[i].replies.length);
      if (due()) await breathe();
    }
    // When precise words cannot catch enough (a theme that shares its words with another), the bar is lowered.
    let bar = RULE_PRECISION[0];
    const precise = (t: string) => (inRule.get(t) ?? 0) / (ruleDf.get(t) ?? Infinity) >= bar;
    const words = keywords.map((x) => x.t).filter(precise);
    const covered = new Uint8Array(D);
    let coveredSize = 0;
    const cover = async (t: string) => {
      for (const i of c.docs) {
        if (!covered[i] && docs[i].match.includes(t)) {
          covered[i] = 1;
          coveredSize += docs[i].replies.length;
        }
        if (due()) await breathe();
      }
    };
    for (const w of words) await cover(w);
    for (const b of RULE_PRECISION) {
      bar = b;
      while (words.length < MAX_RULE_WORDS && coveredSize < RULE_COVERAGE * c.size) {
        let bt: string | null = null;
        let bGain = 0;
        for (const x of candidates) {
          if (words.includes(x.t) || !precise(x.t)) continue;
          let gain = 0;
          for (const i of c.docs) {
            if (!covered[i] && docs[i].match.includes(x.t)) gain += docs[i].replies.length;
            if (due()) await breathe();
          }
          if (gain > bGain) { bGain = gain; bt = x.t; }
        }
        if (!bt) break;
        words.push(bt);
        await cover(bt);
      }
      if (coveredSize >= RULE_COVERAGE * c.size) break;
    }
    if (!words.length && keywords.length) words.push(keywords[0].t);
    const kw = keywords.map((x) => x.t);
    const centre = cs[c.k];
    // the most central distinct texts: the top `exampleCount` by cosine to the centre (earlier reply first on ties)
    const central: { i: number; s: number }[] = [];
    for (const i of c.docs) {
      const s = dotDense(docs[i], centre);
      if (exampleCount > 0 && (central.length < exampleCount || s > central[central.length - 1].s)) {
        let at = central.length;
        while (at > 0 && (central[at - 1].s < s || (central[at - 1].s === s && docs[central[at - 1].i].first > docs[i].first))) at--;
        central.splice(at, 0, { i, s });
        if (central.length > exampleCount) central.pop();
      }
      for (const r of docs[i].replies) themeOf[r] = themes.length;
      if (due()) await breathe();
    }
    themes.push({
      keywords: kw,
      size: c.size,
      replyIds: [], // filled below, in input order
      examples: central.map(({ i }) => ({ id: replies[docs[i].first].id, text: replies[docs[i].first].text })),
      suggestedName: (kw.slice(0, 2).join('、') || '新主题').slice(0, 40),
      // inside: the terms were taken from search-mode segmentation (选举 inside 换届选举), so the rule must look there too
      suggestedRules: words.length ? [{ kind: 'any', words, inside: true }] : [],
    });
    await pause();
  }
  for (let r = 0; r < n; r++) {
    if (themeOf[r] >= 0) themes[themeOf[r]].replyIds.push(replies[r].id);
    if (due()) await breathe();
  }
  return finish(themes);
}
