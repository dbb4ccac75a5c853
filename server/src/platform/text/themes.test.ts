import { beforeAll, describe, expect, it } from 'vitest';
import { generateReplyCorpus, type Topic } from '../../../test/reply-corpus.js';
import { compileRules } from './categorize.js';
import { validateRuleSet } from './rules.schema.js';
import { defaultSegmenter } from './segmenter.js';
import { MAX_TOKENS, suggestThemes, themeTerms, type ThemeSuggestions } from './themes.js';

const seg = defaultSegmenter();
const corpus = generateReplyCorpus(1200, 7);
const topicOf = new Map(corpus.map((r) => [r.id, r.topic]));
const TOPIC_WORDS: Record<Exclude<Topic, 'noise'>, string[]> = {
  orgs: ['村级', '组织', '阵地', '活动场所', '议事'],
  members: ['发展党员', '年轻', '党员', '流动', '教育', '管理'],
  election: ['换届', '选举', '候选人', '村委会'],
  economy: ['集体经济', '产业', '项目'],
};

let result: ThemeSuggestions;
const progress: [number, number][] = [];

beforeAll(async () => {
  result = await suggestThemes(corpus, seg, { onProgress: (d, t) => void progress.push([d, t]) });
}, 60_000);

/** topic → count in a theme */
const countTopics = (ids: string[]) => {
  const c = new Map<Topic, number>();
  for (const id of ids) c.set(topicOf.get(id)!, (c.get(topicOf.get(id)!) ?? 0) + 1);
  return c;
};

describe('themes of a generated survey (4 topics and noise)', () => {
  it('finds one theme per topic, each pure, each topic mostly in its theme', () => {
    // one theme a topic; a small theme of a frequent one-off matter (路灯坏了 sent by a dozen) would be fair too
    expect(result.themes.length).toBeGreaterThanOrEqual(4);
    expect(result.themes.length).toBeLessThanOrEqual(5);
    const found = new Map<Topic, number>();
    for (const [i, t] of result.themes.entries()) {
      const c = countTopics(t.replyIds);
      const [topic, k] = [...c.entries()].sort((a, b) => b[1] - a[1])[0];
      expect(k / t.size, `purity of theme ${t.suggestedName}`).toBeGreaterThanOrEqual(0.8);
      if (topic === 'noise') continue;
      expect(found.has(topic), `two themes for ${topic}`).toBe(false);
      found.set(topic, i);
      expect(t.replyIds).toHaveLength(t.size);
    }
    expect([...found.keys()].sort()).toEqual(['economy', 'election', 'members', 'orgs']);
    for (const [topic, i] of found) {
      const all = corpus.filter((r) => r.topic === topic).length;
      const inTheme = countTopics(result.themes[i].replyIds).get(topic)!;
      expect(inTheme / all, `share of ${topic} in its theme`).toBeGreaterThanOrEqual(0.8);
    }
    // themes by size, largest first; noise mostly left out
    const sizes = result.themes.map((t) => t.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const noise = corpus.filter((r) => r.topic === 'noise').length;
    const noiseIn = result.themes.reduce((s, t) => s + (countTopics(t.replyIds).get('noise') ?? 0), 0);
    expect(noiseIn).toBeLessThan(noise / 2);
    expect(result.unclustered).toBe(corpus.length - sizes.reduce((a, b) => a + b, 0));
    expect(result.took).toMatchObject({ replies: 1200, initialClusters: 24 });
  });

  it('gives each theme 5–8 keywords with its topic\'s words first, a name and central examples', () => {
    for (const t of result.themes) {
      const topic = [...countTopics(t.replyIds).entries()].sort((a, b) => b[1] - a[1])[0][0];
      if (topic === 'noise') continue;
      expect(t.keywords.length).toBeGreaterThanOrEqual(5);
      expect(t.keywords.length).toBeLessThanOrEqual(8);
      expect(new Set(t.keywords).size).toBe(t.keywords.length);
      const words = TOPIC_WORDS[topic];
      expect(words, `${t.keywords.join(' ')} for ${topic}`).toContain(t.keywords[0]);
      expect(t.keywords.filter((k) => words.includes(k)).length).toBeGreaterThanOrEqual(2);
      expect(t.suggestedName).toBe(`${t.keywords[0]}、${t.keywords[1]}`);
      expect(t.examples).toHaveLength(5);
      const ids = new Set(t.replyIds);
      for (const e of t.examples) {
        expect(ids.has(e.id)).toBe(true);
        expect(e.text).toBe(corpus.find((r) => r.id === e.id)!.text);
      }
      expect(new Set(t.examples.map((e) => e.text)).size).toBe(5);
    }
  });

  it('suggests rules that pass validation and catch the theme\'s replies, and few others', () => {
    for (const t of result.themes) {
      const rules = { categories: [{ key: 'theme', name: t.suggestedName, rules: t.suggestedRules }] };
      expect(validateRuleSet(rules)).toEqual([]);
      expect(t.suggestedRules).toHaveLength(1);
      expect(t.suggestedRules[0]).toMatchObject({ kind: 'any', inside: true });
      const engine = compileRules(rules, seg);
      const ids = new Set(t.replyIds);
      let own = 0;
      let others = 0;
      for (const r of corpus) {
        if (engine.categorize(r.text).category.key !== 'theme') continue;
        if (ids.has(r.id)) own++;
        else others++;
      }
      expect(own / t.size, `recall of ${t.suggestedName}`).toBeGreaterThanOrEqual(0.7);
      expect(others / (own + others), `replies of other themes caught by ${t.suggestedName}`).toBeLessThanOrEqual(0.2);
    }
  });

  it('is deterministic: the same replies give the same themes', async () => {
    const again = await suggestThemes(corpus, seg);
    expect(again.themes).toEqual(result.themes);
    expect(again.unclustered).toBe(result.unclustered);
  }, 60_000);

  it('reports progress: non-decreasing, one total, ending at the total', () => {
    expect(progress.length).toBeGreaterThan(3);
    const total = progress[0][1];
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress[0][0]).toBe(0);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('respects maxThemes, minSize and examples', async () => {
    const two = await suggestThemes(corpus, seg, { maxThemes: 2, examples: 2 });
    expect(two.themes.length).toBeLessThanOrEqual(2);
    expect(two.themes.length).toBeGreaterThanOrEqual(1);
    for (const t of two.themes) expect(t.examples).toHaveLength(2);
    const none = await suggestThemes(corpus.slice(0, 300), seg, { examples: 0, maxThemes: Number.NaN });
    expect(none.themes.length).toBeGreaterThan(0);
    for (const t of none.themes) expect(t.examples).toEqual([]);
    const big = await suggestThemes(corpus, seg, { minSize: 320 });
    for (const t of big.themes) expect(t.size).toBeGreaterThanOrEqual(320);
    expect(big.themes.length).toBeLessThan(4);
  }, 60_000);
});

describe('running in the server process', () => {
  it('yields to the event loop: no synchronous stretch is long', async () => {
    const replies = generateReplyCorpus(3000, 11);
    let lastCpu = process.cpuUsage();
    let longestCpu = 0;
    let turns = 0;
    let running = true;
    const spin = () => {
      const cpu = process.cpuUsage(lastCpu);
      longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
      lastCpu = process.cpuUsage();
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const s0 = performance.now();
    const { took } = await suggestThemes(replies, seg);
    const ms = performance.now() - s0;
    running = false;
    // It yields after ≈ 10 ms of work. Wall times on a loaded 2-core machine also hold the time the process is not
    // scheduled (a 10 ms step was 140 ms at load 10), so the checks are on turns of the event loop and on CPU time
    // within one wait (all threads: garbage collection and the compiler too); a run that never yielded would show
    // one wait as long as the run.
    expect(turns).toBeGreaterThan(Math.min(20, ms / 50));
    expect(longestCpu).toBeLessThan(100);
    expect(took.longestStepMs).toBeLessThan(Math.max(100, ms / 3));
  }, 60_000);

  it('stops when the signal aborts, with the signal\'s reason', async () => {
    const ac = new AbortController();
    let calls = 0;
    const run = suggestThemes(corpus, seg, {
      signal: ac.signal,
      onProgress: () => {
        if (++calls === 2) ac.abort(new Error('取消了'));
      },
    });
    await expect(run).rejects.toThrow('取消了');
    const pre = new AbortController();
    pre.abort();
    await expect(suggestThemes(corpus, seg, { signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('awaits an async onProgress', async () => {
    const seen: number[] = [];
    await suggestThemes(corpus.slice(0, 200), seg, {
      onProgress: async (d) => {
        await new Promise((r) => setTimeout(r, 1));
        seen.push(d);
      },
    });
    expect(seen.length).toBeGreaterThan(1);
  });
});

describe('edge cases', () => {
  it('no replies', async () => {
    const r = await suggestThemes([], seg);
    expect(r).toMatchObject({ themes: [], unclustered: 0, took: { replies: 0, distinct: 0 } });
  });

  it('all replies the same: one theme, one example', async () => {
    const same = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, text: i % 2 ? '村里的路灯坏了，晚上出行不便' : '村里的路灯坏了,晚上出行不便' }));
    const r = await suggestThemes(same, seg);
    expect(r.themes).toHaveLength(1);
    expect(r.themes[0].size).toBe(20);
    expect(r.themes[0].examples).toEqual([{ id: 's0', text: '村里的路灯坏了,晚上出行不便' }]);
    expect(r.themes[0].keywords).toEqual(expect.arrayContaining(['路灯', '出行']));
    expect(r.unclustered).toBe(0);
    expect(validateRuleSet({ categories: [{ key: 't', name: r.themes[0].suggestedName, rules: r.themes[0].suggestedRules }] })).toEqual([]);
  });

  it('fewer replies than minSize: no theme', async () => {
    const r = await suggestThemes(corpus.filter((x) => x.topic === 'orgs').slice(0, 2), seg);
    expect(r).toMatchObject({ themes: [], unclustered: 2 });
    const r5 = await suggestThemes(corpus.slice(0, 40), seg, { minSize: 50 });
    expect(r5).toMatchObject({ themes: [], unclustered: 40 });
  });

  it('replies of only emoji, numbers, punctuation and politeness: no theme', async () => {
    const texts = ['👍👍', '１', '2', '12345', '。。。', '🙏', '收到', '谢谢', 'OK', 'ＯＫ', '好的', '  ', '', '3.5', '……'];
    const r = await suggestThemes(texts.flatMap((text, i) => [{ id: `a${i}`, text }, { id: `b${i}`, text }]), seg);
    expect(r).toMatchObject({ themes: [], unclustered: 30, took: { vocabulary: 0 } });
  });

  it('very long replies are capped, and still grouped', async () => {
    const long = Array.from({ length: 10 }, (_, i) => ({ id: `l${i}`, text: `流动党员教育管理跟不上${i}，`.repeat(2000) }));
    expect(themeTerms(long[0].text, seg).length).toBeLessThanOrEqual(MAX_TOKENS);
    const s0 = performance.now();
    const r = await suggestThemes(long, seg);
    expect(performance.now() - s0).toBeLessThan(5000);
    expect(r.themes).toHaveLength(1);
    expect(r.themes[0].size).toBe(10);
    expect(r.themes[0].keywords).toEqual(expect.arrayContaining(['流动', '党员']));
  });

  it('full-width and half-width forms are the same reply; Traditional characters are not converted', async () => {
    const r = await suggestThemes([
      { id: 'f1', text: '村委会选举要公开，２０２６年换届' },
      { id: 'f2', text: '村委会选举要公开,2026年换届' },
      { id: 'f3', text: '村委会选举要公开，２０２６年换届' },
    ], seg);
    expect(r.themes).toHaveLength(1);
    expect(r.themes[0].examples).toHaveLength(1);
    expect(r.took.distinct).toBe(1);
    expect(themeTerms('選舉', seg)).not.toContain('选举');
  });
});
