/**
 * Chinese personal names for demo data. Surname weights follow the national frequency ranking
 * nudged towards Zhejiang (陈, 王, 徐, 金, 叶, 沈, 应, 楼 are commoner here); given names are
 * drawn from lists per generation, because a 1950s 建国 and a 2000s 子轩 read differently.
 */
import { WeightedTable, type Random } from './random.js';
import type { Gender } from '../platform/identity/id-number.js';

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72], ['陈', 70], ['李', 55], ['张', 55], ['刘', 40], ['杨', 28], ['黄', 24], ['赵', 20], ['吴', 26], ['周', 24],
  ['徐', 22], ['孙', 14], ['马', 10], ['朱', 15], ['胡', 16], ['郭', 9], ['何', 12], ['林', 18], ['罗', 8], ['高', 9],
  ['郑', 14], ['梁', 6], ['谢', 8], ['宋', 6], ['唐', 6], ['许', 9], ['韩', 5], ['冯', 6], ['邓', 5], ['曹', 6],
  ['彭', 4], ['曾', 4], ['肖', 4], ['田', 4], ['董', 6], ['袁', 5], ['潘', 8], ['于', 3], ['蒋', 9], ['蔡', 7],
  ['余', 8], ['杜', 4], ['叶', 12], ['程', 5], ['苏', 4], ['魏', 4], ['吕', 5], ['丁', 5], ['任', 4], ['沈', 10],
  ['姚', 6], ['卢', 5], ['姜', 4], ['崔', 2], ['钟', 4], ['谭', 2], ['陆', 6], ['汪', 7], ['范', 5], ['金', 11],
  ['石', 3], ['廖', 2], ['贾', 2], ['夏', 4], ['方', 7], ['邵', 5], ['毛', 5], ['钱', 6], ['严', 4], ['戴', 4],
  ['孔', 2], ['汤', 3], ['应', 5], ['楼', 4], ['俞', 6], ['鲍', 3], ['傅', 5], ['葛', 3], ['虞', 2], ['屠', 2],
  ['龚', 3], ['顾', 4], ['章', 5], ['童', 3], ['项', 3], ['翁', 3], ['雷', 2], ['蓝', 1], ['欧阳', 1], ['诸葛', 0.3],
];

// [born before 1965, 1965–1984, 1985 and later]
const MALE_GIVEN: readonly (readonly string[])[] = [
  ['建国', '国庆', '建华', '建平', '德明', '永福', '根土', '金土', '国良', '志明', '荣华', '建军', '福林', '水根', '阿根',
   '国强', '宝林', '炳生', '正华', '云龙', '德胜', '长林', '财根', '世荣', '兴华', '有福', '文彬', '学军', '立新', '卫东'],
  ['伟', '军', '勇', '斌', '强', '杰', '涛', '磊', '俊', '鹏', '志强', '海波', '建峰', '晓东', '国平', '永刚', '利民',
   '红军', '卫国', '建忠', '海军', '新华', '建明', '忠良', '凯', '波', '锋', '剑', '小平', '春雷', '立军', '晓峰'],
  ['浩', '宇', '轩', '晨', '昊', '博', '睿', '子豪', '浩然', '宇航', '一鸣', '俊杰', '嘉豪', '梓涵', '泽宇', '思远',
   '天翔', '子轩', '文博', '家乐', '宇轩', '皓', '然', '振宇', '俊逸', '明杰', '嘉诚', '晨阳', '逸飞', '浩宇'],
];

const FEMALE_GIVEN: readonly (readonly string[])[] = [
  ['秀英', '桂英', '秀兰', '玉兰', '凤英', '美华', '彩娥', '素珍', '月娥', '金凤', '玉珍', '菊芳', '爱娟', '翠英',
   '雪娟', '美娟', '桂芳', '杏花', '阿花', '彩凤', '素琴', '秀珍', '玉英', '兰英', '宝娣', '凤仙', '巧云', '丽华'],
  ['丽', '芳', '燕', '敏', '静', '艳', '霞', '萍', '娟', '红', '丽萍', '海燕', '红霞', '丽君', '晓燕', '雪芳', '建英',
   '美玲', '慧', '琴', '丹', '卫红', '晓红', '丽娟', '春燕', '秀芳', '亚萍', '爱华', '玲', '颖'],
  ['婷', '雪', '琳', '佳', '欣', '怡', '倩', '婷婷', '雨欣', '思琪', '梦瑶', '佳怡', '欣怡', '诗涵', '雨萱', '子涵',
   '晓雯', '雅琪', '可欣', '梓萱', '悦', '佳琪', '心怡', '静怡', '一诺', '语嫣', '梦洁', '雪莹', '嘉怡', '思雨'],
];

const surnameTable = new WeightedTable(SURNAMES);

export function randomSurname(rng: Random): string {
  return surnameTable.draw(rng);
}

/** A full name for someone born in `birthYear`; the generation lists overlap a little at their edges. */
export function randomPersonName(rng: Random, gender: Gender, birthYear: number): string {
  const lists = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  const shifted = birthYear + rng.int(-6, 6);
  const era = shifted < 1965 ? 0 : shifted < 1985 ? 1 : 2;
  return randomSurname(rng) + rng.pick(lists[era]);
}

/** Ethnic groups of members: 汉族 overwhelmingly; 畲族 is Zhejiang's largest minority (景宁 is the She autonomous county). */
export const ETHNICITY_DEFAULT = new WeightedTable<string>([
  ['汉族', 985], ['畲族', 7], ['回族', 3], ['满族', 2], ['土家族', 1], ['苗族', 1], ['壮族', 1],
]);
export const ETHNICITY_SHE_COUNTY = new WeightedTable<string>([['汉族', 78], ['畲族', 21], ['回族', 1]]);
