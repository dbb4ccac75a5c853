/**
 * Survey benchmarks (issue 10, item 7): `npm run bench -- surveys`.
 *
 *   surveys.segmenter.build   building a segmenter with a 20-word user dictionary (default dictionary + user words)
 *   surveys.categorize        100,000 replies categorized with 10 rules (target ≤ 10 s): rules compiled once, each
 *                             reply normalised and segmented once, every category and tag tried
 *   surveys.themes            theme suggestions for 10,000 uncategorized replies (target ≤ 60 s; memory reported):
 *                             platform/text/themes.ts on server/test/reply-corpus.ts (seeded; 4 topics and noise,
 *                             5–200 characters); peak RSS and heap sampled every 20 ms; the longest stretch of work
 *                             between two yields (took.longestStepMs) and the longest the event loop waited (a
 *                             setImmediate chain beside the run: also garbage collection and scheduling)
 *   surveys.themes50k         the same for 50,000 replies (printed, no target)
 *
 * The replies are generated from a fixed seed (BENCH_SURVEY_SEED, default 20261130) in the proportions of the source
 * article: ≈ 45 % about village organization building, 33 % party-member team building, 20 % village elections, the
 * rest other themes or a bare number/OK; sentences are assembled from phrases a branch secretary would write, with
 * full-width digits, spaces and punctuation sprinkled in. BENCH_SURVEY_REPLIES (default 100,000), BENCH_SURVEY_RUNS (default 3).
 */
import os from 'node:os';
import { compileRules } from '../server/src/platform/text/categorize.js';
import { buildSegmenter, defaultSegmenter } from '../server/src/platform/text/segmenter.js';
import type { RuleSetInput } from '../server/src/platform/text/rules.schema.js';
import { suggestThemes } from '../server/src/platform/text/themes.js';
import { generateReplyCorpus } from '../server/test/reply-corpus.js';

type Line = (o: Record<string, unknown>) => void;

const REPLIES = Number(process.env.BENCH_SURVEY_REPLIES ?? 100_000);
const RUNS = Number(process.env.BENCH_SURVEY_RUNS ?? 3);
const SEED = Number(process.env.BENCH_SURVEY_SEED ?? 20261130);

const THEMES: { share: number; parts: string[][] }[] = [
  { // 村级组织建设
    share: 0.454,
    parts: [
      ['建议', '希望', '我认为', '我们村', '当前', ''],
      ['加强村级组织建设', '村两委班子要更团结', '村党组织书记待遇偏低', '村级组织活动场所太小', '村集体经济薄弱，组织运转经费不足', '村干部工作负担重，台账太多', '两委成员分工不明确'],
      ['，', '。', '！', ' ', ''],
      ['希望上级多支持', '请组织部帮助解决', '这个问题比较突出', '建议增加补贴', '', '盼尽快落实'],
    ],
  },
  { // 党员队伍建设
    share: 0.33,
    parts: [
      ['我们村', '现在', '说实话', '目前', ''],
      ['党员队伍老龄化严重', '发展年轻党员难', '流动党员管理难，联系不上', '党员教育形式单一', '年轻人外出打工，入党积极分子少', '老党员学习跟不上'],
      ['，', '。', ' ', ''],
      ['建议多搞些实践活动', '希望加强党员培训', '需要新办法', '', '请上级指导'],
    ],
  },
  { // 村级换届选举
    share: 0.203,
    parts: [
      ['关于换届，', '建议', '希望', ''],
      ['换届选举要公平公正', '选举程序要规范', '防止拉票贿选', '候选人资格审查要严格', '换届后新班子要尽快进入状态', '村民对选举不够关心'],
      ['。', '！', ' ', ''],
      ['要加强监督', '请提前培训', '', '建议延长公示时间'],
    ],
  },
  { // 其他
    share: 0.013,
    parts: [
      ['', '谢谢', '收到'],
      ['今年收成不错', '道路需要硬化', '村里的路灯坏了', 'OK', 'ＯＫ', '１', '2', '同意', '没有意见'],
      ['', '。'],
      ['', '谢谢领导关心'],
    ],
  },
];

/** The 10 rules: 3 categories (6 rules) and 3 tags (4 rules), as staff would write them for this survey. */
export const BENCH_RULES: RuleSetInput = {
  categories: [
    { key: 'election', name: '村级换届选举', rules: [
      { kind: 'any', words: ['换届', '选举', '换届选举', '贿选', '拉票', '候选人'] },
      { kind: 'regex', pattern: '(换届|选举).{0,10}(公平|公正|规范)' },
    ] },
    { key: 'members', name: '党员队伍建设', rules: [
      { kind: 'any', words: ['党员队伍', '年轻党员', '流动党员', '老党员', '入党', '积极分子'] },
      { kind: 'all', words: ['党员', '教育'] },
    ] },
    { key: 'orgs', name: '村级组织建设', rules: [
      { kind: 'phrase', text: '村级组织' },
      { kind: 'any', words: ['两委', '村两委', '班子', '党组织', '村干部', '集体经济'], inside: true },
    ] },
  ],
  tags: [
    { key: 'pay', name: '待遇经费', rules: [{ kind: 'any', words: ['待遇', '补贴', '经费', '报酬'] }] },
    { key: 'support', name: '请求支持', rules: [{ kind: 'phrase', text: '上级' }, { kind: 'regex', pattern: '请.{0,4}(解决|指导|支持)' }] },
    { key: 'choice', name: '数字回复', rules: [{ kind: 'number', min: 1, max: 9 }] },
  ],
};

/** 100,000 replies from a fixed seed, with the theme each was written about (for the shares printed). */
export function generateReplies(n: number, seed = SEED): { text: string; theme: number }[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0; // mulberry32
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const out: { text: string; theme: number }[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand();
    let theme = 0;
    while (theme < THEMES.length - 1 && r >= THEMES[theme].share) r -= THEMES[theme++].share;
    const text = THEMES[theme].parts.map(pick).join('');
    out.push({ text: rand() < 0.05 ? `${text}${pick(['１', '2', '３'])}` : text, theme });
  }
  return out;
}

export async function benchSurveys({ line, only }: { line: Line; only: RegExp | null }) {
  const want = (name: string) => !only || only.test(name);
  benchSurveyRules(line, want);
  await benchSurveyThemes({ line, only });
}

function benchSurveyRules(line: Line, want: (name: string) => boolean) {
  if (want('surveys.segmenter.build')) {
    defaultSegmenter(); // the shared one, as a running server has it
    const words = ['两委班子', '网格员', '共富工坊', '红色根脉', '强村公司', '村社组织', '组团联村', '两委干部', '党群服务中心', '五星支部',
      '先锋指数', '驻村指导员', '后备干部', '村务监督委员会', '民情日记', '村干部报酬', '网格支部', '党员联户', '星级管理', '清廉村居'].map((word) => ({ word }));
    buildSegmenter(words); // the first build also parses the default dictionary's frequencies once
    const t: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s0 = performance.now();
      buildSegmenter(words);
      t.push(performance.now() - s0);
    }
    t.sort((a, b) => a - b);
    line({ bench: 'surveys.segmenter.build', runs: 5, user_words: words.length, p50_ms: +t[2].toFixed(1), max_ms: +t[4].toFixed(1) });
  }
  if (want('surveys.categorize')) {
    const replies = generateReplies(REPLIES);
    const engine = compileRules(BENCH_RULES, defaultSegmenter());
    engine.categorize('预热'); // the shared segmenter is built by the first call
    const rules = BENCH_RULES.categories.reduce((n, c) => n + c.rules.length, 0) + (BENCH_RULES.tags ?? []).reduce((n, c) => n + c.rules.length, 0);
    const times: number[] = [];
    let counts: Record<string, number> = {};
    let agree = 0;
    const keys = ['orgs', 'members', 'election', 'other'];
    for (let run = 0; run < RUNS; run++) {
      counts = {};
      agree = 0;
      const s0 = performance.now();
      for (const r of replies) {
        const c = engine.categorize(r.text).category.key;
        counts[c] = (counts[c] ?? 0) + 1;
        if (c === keys[r.theme]) agree++;
      }
      times.push(performance.now() - s0);
    }
    times.sort((a, b) => a - b);
    const best = times[0];
    const share = (k: string) => +(((counts[k] ?? 0) / replies.length) * 100).toFixed(1);
    line({
      bench: 'surveys.categorize', replies: replies.length, rules, runs: RUNS, best_s: +(best / 1000).toFixed(2), worst_s: +(times[times.length - 1] / 1000).toFixed(2),
      per_second: Math.round(replies.length / (best / 1000)), target_s: 10, met: times[times.length - 1] <= 10_000,
      shares_pct: { orgs: share('orgs'), members: share('members'), election: share('election'), other: share('other') },
      agree_with_generator_pct: +((agree / replies.length) * 100).toFixed(1), rss_mb: Math.round(process.memoryUsage().rss / 1048576),
    });
  }
}

/** Theme suggestions for `n` generated uncategorized replies: time, peak memory, event-loop responsiveness, themes. */
async function benchThemes(line: Line, name: string, n: number, target: number | null) {
  const replies = generateReplyCorpus(n, SEED);
  const seg = defaultSegmenter();
  seg.cut('预热'); // the shared segmenter is built once per process, not part of the run
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  // The longest wait of the event loop (wall time), and the most CPU the process used within one wait (this also
  // counts garbage collection on helper threads, but not the time a loaded machine does not schedule the process).
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let longestCpu = 0;
  let running = true;
  const spin = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  let progressCalls = 0;
  const s0 = performance.now();
  const res = await suggestThemes(replies, seg, { onProgress: () => void progressCalls++ });
  const took = performance.now() - s0;
  running = false;
  clearInterval(timer);
  sample();
  const topicOf = new Map(replies.map((r) => [r.id, r.topic]));
  const mb = (b: number) => Math.round(b / 1048576);
  line({
    bench: name, replies: n, seconds: +(took / 1000).toFixed(2), ...(target ? { target_s: target, met: took <= target * 1000 } : {}),
    themes: res.themes.length, unclustered: res.unclustered, distinct: res.took.distinct, vocabulary: res.took.vocabulary,
    longest_step_ms: res.took.longestStepMs, longest_event_loop_wait_ms: Math.round(longest), longest_wait_cpu_ms: Math.round(longestCpu),
    load_average: os.loadavg().map((l) => +l.toFixed(1)), progress_calls: progressCalls,
    rss_mb: { before: mb(before.rss), peak: mb(peakRss), delta: mb(peakRss - before.rss) },
    heap_mb: { before: mb(before.heapUsed), peak: mb(peakHeap), delta: mb(peakHeap - before.heapUsed) },
    theme_summary: res.themes.map((t) => {
      const counts = new Map<string, number>();
      for (const id of t.replyIds) counts.set(topicOf.get(id)!, (counts.get(topicOf.get(id)!) ?? 0) + 1);
      const [topic, k] = [...counts].sort((a, b) => b[1] - a[1])[0];
      return `${t.suggestedName} ${t.size} (${topic} ${Math.round((k / t.size) * 100)} %)`;
    }),
  });
}

export async function benchSurveyThemes({ line, only }: { line: Line; only: RegExp | null }) {
  const want = (name: string) => !only || only.test(name);
  if (want('surveys.themes')) await benchThemes(line, 'surveys.themes', Number(process.env.BENCH_THEMES_REPLIES ?? 10_000), 60);
  if (want('surveys.themes50k')) await benchThemes(line, 'surveys.themes50k', 50_000, null);
}
