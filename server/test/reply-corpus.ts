/**
 * A seeded generator of SMS replies by village branch secretaries that no category caught, for the theme-suggestion
 * tests (server/src/platform/text/themes.test.ts) and benchmark (bench/surveys.ts, surveys.themes).
 *
 * Four topics in the proportions of the source article (village organization building, party-member team building,
 * village elections) plus collective economy, and noise (thanks, bare numbers, emoji, one-off matters). A reply is an
 * opener, one to four clauses of its topic (now and then one of another topic), a closing, and punctuation, with
 * full-width characters and spaces sprinkled in: 5–200 characters, most 15–60.
 */

export const TOPICS = ['orgs', 'members', 'election', 'economy'] as const;
export type Topic = (typeof TOPICS)[number] | 'noise';

const CLAUSES: Record<(typeof TOPICS)[number], string[]> = {
  orgs: [
    '村级组织活动场所太小', '村级组织阵地建设要加强', '活动场所年久失修', '议事没有固定的阵地', '村里的议事场所不够用',
    '村级组织阵地设施老化', '党群活动场所利用率不高', '村民议事会开得太少', '议事规则不够规范', '活动场所缺少经费维护',
    '村级组织运转经费紧张', '阵地建设标准不统一', '村级组织议事决策要公开', '活动场所离村民太远',
  ],
  members: [
    '发展党员指标太少', '年轻党员越来越少', '流动党员教育管理跟不上', '流动党员联系不上', '年轻党员大多外出打工',
    '发展党员要注重质量', '党员教育管理形式单一', '老党员多，年轻党员少', '流动党员参加组织生活难', '发展年轻党员很困难',
    '党员教育管理要创新', '流动党员管理缺少抓手', '发展党员程序繁琐', '年轻党员培养要跟上',
  ],
  election: [
    '换届选举要公平公正', '候选人资格审查要严格', '村委会选举程序要规范', '换届时要防止拉票', '候选人人选不好找',
    '村委会选举参选率低', '换届以后班子要稳定', '选举时外出村民投票难', '候选人要有带富能力', '村委会换届工作量大',
    '选举的宣传要到位', '换届风气要正', '候选人公示时间太短', '村委会选举委托投票要规范',
  ],
  economy: [
    '村集体经济收入太低', '集体经济没有好项目', '发展集体经济缺资金', '村里产业项目少', '集体经济增收渠道窄',
    '产业发展缺少人才', '集体经济薄弱村帮扶要加强', '村集体资产盘活难',
  ],
};

const OPENERS = ['', '', '', '建议', '希望', '我认为', '我们村', '目前', '说实话，', '领导好，', '关于这个问题，'];
const CLOSINGS = ['', '', '', '希望上级重视', '请组织部帮助解决', '谢谢', '盼尽快落实', '建议出台具体办法', '这个问题比较突出'];
const PUNCT = ['，', '。', '；', ' ', '！', ','];

const NOISE = [
  '收到', '谢谢领导', '好的', '1', '２', '3', 'OK', 'ok', '👍👍', '🙏', '同意', '没有意见', '收到，谢谢！', '。。。',
  '今年收成不错', '村里的路灯坏了', '道路需要硬化', '河道要清理', '自来水水压不够', '希望多下乡看看', '天气太热了',
  '孩子上学远', '医保报销太慢', '垃圾分类难推进', '老年食堂办得好', '防汛物资已到位', '12345', '。', '嗯嗯',
];

/** mulberry32 */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters of made-up village names (a third of the replies begin with the sender's village: 石桥村：…). */
const NAME_CHARS = '石桥山下溪口塘头岭上湾坑岙里坪田洋林竹梅桃李杨王陈张周吴徐孙朱胡何高郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';

const FULL = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * `n` replies with ids r1…rn and the topic each was written about; shares (orgs, members, election, economy, noise)
 * default to 0.40, 0.29, 0.18, 0.08, 0.05.
 */
export function generateReplyCorpus(n: number, seed = 20261130, shares = [0.4, 0.29, 0.18, 0.08, 0.05]): { id: string; text: string; topic: Topic }[] {
  const rand = seededRandom(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const out: { id: string; text: string; topic: Topic }[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand();
    let t = 0;
    while (t < shares.length - 1 && r >= shares[t]) r -= shares[t++];
    if (t === TOPICS.length) {
      let text = pick(NOISE);
      if (rand() < 0.3) text = `${pick(['', '领导好，'])}${text}${pick(['', '！', '😀'])}`;
      out.push({ id: `r${i + 1}`, text, topic: 'noise' });
      continue;
    }
    const topic = TOPICS[t];
    const clauses: string[] = [];
    const count = 1 + Math.floor(rand() * rand() * 4); // mostly 1–2, up to 4
    for (let c = 0; c < count; c++) clauses.push(pick(CLAUSES[topic]));
    if (rand() < 0.1) clauses.push(pick(CLAUSES[pick(TOPICS)])); // a side remark on another topic
    const village = rand() < 0.33 ? `${pick([...NAME_CHARS])}${pick([...NAME_CHARS])}村${pick(['', '：', '，'])}` : '';
    let text = village + pick(OPENERS) + clauses.map((c, k) => (k ? pick(PUNCT) : '') + c).join('');
    const closing = pick(CLOSINGS);
    if (closing) text += pick(PUNCT) + closing;
    text += pick(['', '。', '！', '']);
    if (rand() < 0.03) text = text.repeat(3); // a long reply (sent twice or thrice by mistake)
    if (rand() < 0.05) text = FULL(text);
    out.push({ id: `r${i + 1}`, text, topic });
  }
  return out;
}
