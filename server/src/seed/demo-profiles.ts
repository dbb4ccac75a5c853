/**
 * What members of each kind of branch look like: age, education and occupation differ a lot
 * between a fishing village in 象山 and a county organ, and the demo should show that.
 */
import { WeightedTable, weights } from './random.js';

export type BranchProfile = 'village' | 'community' | 'organ' | 'enterprise' | 'institution' | 'online';
export type Education =
  | 'postgraduate' | 'bachelor' | 'college' | 'secondary_vocational' | 'high_school' | 'middle_school' | 'primary';

/** Birth decade (1940 = the 1940s) by branch kind; years inside a decade are uniform, clipped to 1940–2004. */
export const BIRTH_DECADE: Record<BranchProfile, WeightedTable<string>> = {
  village: weights({ 1940: 10, 1950: 22, 1960: 25, 1970: 20, 1980: 13, 1990: 8, 2000: 2 }),
  community: weights({ 1940: 12, 1950: 20, 1960: 20, 1970: 16, 1980: 17, 1990: 12, 2000: 3 }),
  organ: weights({ 1950: 4, 1960: 12, 1970: 26, 1980: 31, 1990: 23, 2000: 4 }),
  enterprise: weights({ 1960: 8, 1970: 22, 1980: 35, 1990: 30, 2000: 5 }),
  institution: weights({ 1950: 3, 1960: 12, 1970: 24, 1980: 31, 1990: 26, 2000: 4 }),
  online: weights({ 1960: 15, 1970: 30, 1980: 35, 1990: 20 }),
};

const EDU_OLD_RURAL = weights<Education>({ primary: 45, middle_school: 40, high_school: 12, secondary_vocational: 3 });

/** [born before 1960, born 1960 or later] */
export const EDUCATION: Record<BranchProfile, [WeightedTable<Education>, WeightedTable<Education>]> = {
  village: [
    EDU_OLD_RURAL,
    weights<Education>({ primary: 8, middle_school: 38, high_school: 20, secondary_vocational: 12, college: 14, bachelor: 8 }),
  ],
  community: [
    weights<Education>({ primary: 20, middle_school: 38, high_school: 27, secondary_vocational: 7, college: 6, bachelor: 2 }),
    weights<Education>({ primary: 3, middle_school: 17, high_school: 20, secondary_vocational: 10, college: 22, bachelor: 24, postgraduate: 4 }),
  ],
  organ: [
    weights<Education>({ high_school: 15, secondary_vocational: 12, college: 35, bachelor: 36, postgraduate: 2 }),
    weights<Education>({ high_school: 1, college: 14, bachelor: 63, postgraduate: 22 }),
  ],
  enterprise: [
    weights<Education>({ middle_school: 25, high_school: 35, secondary_vocational: 20, college: 15, bachelor: 5 }),
    weights<Education>({ middle_school: 6, high_school: 10, secondary_vocational: 12, college: 27, bachelor: 38, postgraduate: 7 }),
  ],
  institution: [
    weights<Education>({ high_school: 10, secondary_vocational: 25, college: 35, bachelor: 28, postgraduate: 2 }),
    weights<Education>({ college: 10, bachelor: 60, postgraduate: 30 }),
  ],
  online: [
    EDU_OLD_RURAL,
    weights<Education>({ primary: 3, middle_school: 35, high_school: 25, secondary_vocational: 15, college: 14, bachelor: 8 }),
  ],
};

const JOBS: Record<BranchProfile | 'coastal' | 'hospital' | 'school', WeightedTable<string>> = {
  village: weights({ 农民: 45, 个体工商户: 10, 企业职工: 15, 村干部: 8, 种养大户: 5, 农村电商经营者: 3, 乡村医生: 1, 外出务工人员: 4 }),
  coastal: weights({ 渔民: 30, 水产养殖户: 10, 农民: 20, 个体工商户: 10, 企业职工: 12, 村干部: 8, 船老大: 5, 民宿经营者: 5 }),
  community: weights({ 社区工作者: 12, 企业职工: 25, 个体工商户: 10, 自由职业者: 8, 教师: 5, 医护人员: 4, 物业管理人员: 4, 快递员: 2, 网约车司机: 2 }),
  organ: weights({ 公务员: 45, 科员: 15, 副科长: 10, 科长: 10, 办公室主任: 5, 事业单位工作人员: 15 }),
  enterprise: weights({ 工程师: 20, 技术员: 15, 一线职工: 25, 销售经理: 10, 财务人员: 8, 行政人员: 10, 车间主任: 7, 企业负责人: 3 }),
  institution: weights({ 教师: 30, 医生: 15, 护士: 10, 科研人员: 10, 行政人员: 20, 会计: 5, 后勤人员: 5 }),
  school: weights({ 教师: 70, 班主任: 10, 行政人员: 15, 后勤人员: 5 }),
  hospital: weights({ 医生: 45, 护士: 35, 行政人员: 12, 药剂师: 5, 后勤人员: 3 }),
  online: weights({ 外出务工人员: 25, 个体经营者: 20, 企业职工: 20, 建筑工人: 10, 货车司机: 8, 餐饮从业者: 10, 快递员: 7 }),
};

/** The occupation table for a branch; people born before 1962 are mostly retired by now (except farmers). */
export function jobTable(profile: BranchProfile, hints: { coastal: boolean; name: string }): WeightedTable<string> {
  if (profile === 'village' && hints.coastal) return JOBS.coastal;
  if (profile === 'institution' && hints.name.includes('医')) return JOBS.hospital;
  if (profile === 'institution' && /[学校]/.test(hints.name)) return JOBS.school;
  return JOBS[profile];
}

export const RETIRED_JOB: Record<BranchProfile, string> = {
  village: '农民',
  community: '离退休人员',
  organ: '离退休干部',
  enterprise: '企业退休职工',
  institution: '离退休人员',
  online: '外出务工人员',
};

/** Where migrant members work: Zhejiang's migrants go to the Pearl and Yangtze deltas and stay in-province. */
export const MIGRANT_DESTINATIONS = new WeightedTable<readonly [string, string, string]>([
  [['广东省', '深圳市', '宝安区'], 8], [['广东省', '深圳市', '龙岗区'], 5], [['广东省', '广州市', '白云区'], 5],
  [['广东省', '东莞市', '长安镇'], 3], [['上海市', '上海市', '浦东新区'], 10], [['上海市', '上海市', '闵行区'], 6],
  [['上海市', '上海市', '松江区'], 4], [['江苏省', '苏州市', '昆山市'], 7], [['江苏省', '苏州市', '吴江区'], 3],
  [['江苏省', '南京市', '江宁区'], 3], [['北京市', '北京市', '朝阳区'], 4], [['福建省', '厦门市', '思明区'], 3],
  [['安徽省', '合肥市', '蜀山区'], 2], [['新疆维吾尔自治区', '乌鲁木齐市', '天山区'], 2], [['海南省', '三亚市', '吉阳区'], 2],
  [['浙江省', '杭州市', '余杭区'], 8], [['浙江省', '宁波市', '鄞州区'], 6], [['浙江省', '舟山市', '普陀区'], 4],
  [['浙江省', '温州市', '鹿城区'], 2],
]);

/** Mobile prefixes of the three carriers (and their MVNO-free ranges). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '177', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '198', '199',
];

/** Long-distance area codes of Zhejiang's cities, by 6-digit city code. */
export const AREA_CODES: Record<string, string> = {
  '330100': '0571', '330200': '0574', '330300': '0577', '330400': '0573', '330500': '0572', '330600': '0575',
  '330700': '0579', '330800': '0570', '330900': '0580', '331000': '0576', '331100': '0578',
};

export const ROADS = ['人民路', '解放路', '中山路', '建设路', '文化路', '环城北路', '城东路', '新华路', '育才路', '兴业路', '迎宾大道', '滨江路', '学院路', '振兴路', '和平路', '体育场路'];

/**
 * Counties created or renamed after many members were born: their ID numbers carry the code of the
 * former unit (ID numbers never change), e.g. 临平区 (2021) people hold 余杭 330110 numbers.
 */
export const LEGACY_REGION_CODES: Record<string, readonly [string, number]> = {
  '330111': ['330183', 2014], '330112': ['330185', 2017], '330113': ['330110', 2021], '330114': ['330104', 2021],
  '330213': ['330283', 2016], '330305': ['330322', 2015], '330383': ['330327', 2019], '330603': ['330621', 2013],
  '330604': ['330682', 2013], '331083': ['331021', 2017],
};

export function idRegionCode(countyCode: string, birthYear: number): string {
  const legacy = LEGACY_REGION_CODES[countyCode];
  return legacy && birthYear < legacy[1] ? legacy[0] : countyCode;
}

/** Enterprises and institutions with a branch of their own. `town` attaches them below a township of a detailed county. */
export interface UnitSpec {
  county: string;
  town?: string;
  name: string;
  profile: 'enterprise' | 'institution';
  /** the near-empty branch that trips the "fewer than 3 full members" rule */
  small?: boolean;
}

export const UNITS: readonly UnitSpec[] = [
  { county: '330106', town: '330106109', name: '杭州云栖数智科技有限公司党支部', profile: 'enterprise' },
  { county: '330106', town: '330106010', name: '杭州之江文化创意有限公司党支部', profile: 'enterprise' },
  { county: '330106', town: '330106011', name: '杭州西溪生物医药有限公司党支部', profile: 'enterprise' },
  { county: '330225', town: '330225101', name: '象山石浦海洋食品有限公司党支部', profile: 'enterprise' },
  { county: '330225', town: '330225001', name: '象山县针织服饰有限公司党支部', profile: 'enterprise' },
  { county: '330225', town: '330225103', name: '宁波象港船舶修造有限公司党支部', profile: 'enterprise' },
  { county: '330110', name: '杭州未来数字科技有限公司党支部', profile: 'enterprise' },
  { county: '330212', name: '宁波甬江智能装备有限公司党支部', profile: 'enterprise' },
  { county: '330782', name: '义乌市商贸物流有限公司党支部', profile: 'enterprise' },
  { county: '330382', name: '乐清市东海电气有限公司党支部', profile: 'enterprise' },
  { county: '330603', name: '绍兴柯桥轻纺印染有限公司党支部', profile: 'enterprise' },
  { county: '330523', name: '安吉竹海家居有限公司党支部', profile: 'enterprise' },
  { county: '330784', name: '永康市五金工具有限公司党支部', profile: 'enterprise', small: true },
  { county: '330106', town: '330106109', name: '杭州市西湖区三墩中学党支部', profile: 'institution' },
  { county: '330225', town: '330225002', name: '象山县第一人民医院党支部', profile: 'institution' },
  { county: '330127', name: '淳安县中医院党支部', profile: 'institution' },
  { county: '331102', name: '丽水市莲都区实验小学党支部', profile: 'institution' },
  { county: '330302', name: '温州市鹿城区疾病预防控制中心党支部', profile: 'institution' },
];

/** Townships of 象山 on the sea: their villages fish. */
export const COASTAL_TOWNS = new Set(['330225101', '330225103', '330225104', '330225108', '330225110', '330225204', '330225003', '330225106']);
