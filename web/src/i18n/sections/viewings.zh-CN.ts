// 集中收看 strings (t('viewings.…')): the console screens and the member's check-in page. en is in viewings.en.ts.
import { strings } from '../strings';
export const viewingsZh = {
  title: '集中收看',
  create: '安排集中收看',
  fields: {
    station: '收看站点', title: '收看内容', liveTitle: '直播活动', lessonId: '课程编号', startsAt: '开始时间', duration: '时长（分钟）',
    organizer: '组织者', notes: '备注', status: '状态', present: '到场人数', org: '所属组织', keyword: '收看内容', dateRange: '开始日期',
  },
  phase: { scheduled: '未开始', open: '签到中', ended: '待确认考勤', closed: '已确认', cancelled: '已取消' },
  hints: {
    station: '须为本人管辖范围内状态正常的站点',
    duration: '10—480分钟；确认考勤后每位到场党员记入相同学时（受每日上限限制）',
    startsAt: '开始前30分钟起可扫码签到，结束后不能再签到',
  },
  rules: { station: '请选择收看站点', title: '请填写收看内容', startsAt: '请选择开始时间', duration: '请填写10—480之间的整数', organizer: '请填写组织者姓名' },
  filters: '集中收看筛选', any: '全部', search: '查询', reset: '重置',
  emptyTitle: '暂无集中收看', emptyHint: '可点击右上角“安排集中收看”，选择站点、收看内容和时间。',
  created: '已安排集中收看', more: '加载更多', totalOf: '共 {{n}} 场',
  detail: {
    back: '返回列表', qrTitle: '扫码签到', qrHint: '党员用手机扫描二维码，登录后签到（开始前30分钟至结束）。', live: '已签到 {{n}} 人',
    roll: '点名', rollSearch: '按姓名查找', onlyPresent: '只看已到', presentMark: '到场', guest: '添加', addGuest: '添加其他党员',
    guestPlaceholder: '输入姓名查找（本人管辖范围内）', guestAdded: '已添加到点名名单',
    confirm: '确认考勤', confirmTitle: '确认考勤并记入学时？', confirmBody: '确认后本场结束，已到场的 {{n}} 名党员各记入 {{m}} 分钟学时（受每日上限限制），不能再修改。',
    confirmed: '已确认考勤：{{credited}} 人记入学时，{{capped}} 人因每日上限部分记入，{{none}} 人未记入',
    cancel: '取消本场', cancelReason: '取消原因', cancelled: '已取消', reasonRequired: '请填写取消原因',
    method: { roll_call: '点名', qr: '扫码' },
    outcome: { awarded: '已记入', capped: '部分记入（每日上限）', already_today: '今日已记入', daily_cap: '未记入（已达每日上限）', departed: '未记入（已转出）' },
    name: '姓名', org: '所属组织', checkedInAt: '签到时间', credit: '学时',
    notOpen: '开始前30分钟起才能点名', cancelInfo: '取消原因：{{reason}}',
  },
  stationSessions: '集中收看记录',
  checkin: {
    title: '集中收看签到', station: '站点', time: '时间', button: '签到',
    open: '签到已开始，请点击下方按钮签到。',
    checked_in: '已签到', checkedInAt: '签到时间：{{time}}', creditNote: '考勤确认后，本场学时将记入“我的学习”。',
    not_yet: '未到签到时间', notYetHint: '开始前30分钟起可以签到（{{time}}）。',
    ended: '已结束', endedHint: '本场集中收看已结束，不能再签到。',
    cancelled: '已取消', cancelledHint: '本场集中收看已取消。',
    out_of_scope: '不在本站点范围', outOfScopeHint: '只有本站点所属党组织的党员或组织者添加的党员可以签到，如有疑问请联系站点管理员。',
    not_member: '账号未关联党员档案', notMemberHint: '请使用党员账号登录后签到。',
    invalid: '签到码无效或已失效', done: '签到成功',
  },
  dashboard: { title: '本年集中收看', sessions: '场次', attendances: '人次' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const viewingsStrings = strings('viewings', viewingsZh, () => import('./viewings.en').then((m) => m.viewingsEn));
