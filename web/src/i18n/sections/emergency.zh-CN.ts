// The Chinese strings (t('emergency.…')) of the 应急动员 screens. en is in emergency.en.ts.
import { strings } from '../strings';
export const emergencyZh = {
    kinds: { typhoon: '台风', flood: '洪水', geological: '地质灾害', epidemic: '疫情', other: '其他' },
    states: { open: '进行中', closed: '已结束' },
    who: { secretaries: '党组织书记', committee: '党组织委员', village_officials: '村干部', members: '全体党员' },
    list: {
        title: '应急动员', create: '新建应急预警', stateFilter: '状态', anyState: '全部',
        emptyTitle: '还没有应急预警', emptyHint: '遇台风、洪水等紧急情况，点击“新建应急预警”向所辖组织发送短信，并跟踪确认情况。',
        emptyHintReadOnly: '所辖范围内还没有发布过应急预警。',
        fields: { title: '预警标题', kind: '类型', state: '状态', confirmed: '已确认 / 应确认', org: '发布组织', createdBy: '发布人', createdAt: '发布时间' },
    },
    form: {
        title: '新建应急预警', back: '返回列表', kind: '预警类型', kindRequired: '请选择预警类型',
        titleLabel: '预警标题', titlePlaceholder: '如：第12号台风“梅花”防御紧急通知', titleRequired: '请填写预警标题', titleTooLong: '预警标题最多60个字',
        text: '短信内容', textPlaceholder: '如：第12号台风预计今夜在我市沿海登陆，请立即组织危险区域人员转移，落实防御措施。',
        textRequired: '请填写短信内容', textTooLong: '短信内容最多600个字',
        textHint: '发送时自动在末尾加上“回复1确认收到”（内容中已有“回复1”的除外）和短信签名。',
        asSent: '实际发送内容', segments: '共 {{chars}} 字，按 {{segments}} 条计费',
        org: '发送范围', orgRequired: '请选择发送范围（组织）', orgHint: '所选组织及其全部下级组织',
        who: '接收对象', whoRequired: '请至少选择一类接收对象',
        remindAfter: '未确认提醒间隔（分钟）', maxReminders: '最多提醒次数', escalateAfter: '无人确认上报时间（分钟）',
        minutesRange: '请填写{{min}}至{{max}}之间的整数', remindersRange: '请填写0至5之间的整数',
        timingHint: '发送后每隔设定时间向尚未确认的人员再发一次提醒；到上报时间仍无人确认的组织，自动短信告知其上级组织书记督促落实。',
        ignoreOptOut: '同时发送给已退订短信的人员（将记入审计日志）',
        preview: '核对接收人', previewTitle: '接收人核对结果', recipients: '将发送', withoutPhone: '无有效手机号', optedOut: '已退订',
        optedOutIncluded: '已退订（本次仍发送）', previewStale: '内容或接收对象已修改，请重新核对接收人',
        approval: '接收人超过审批人数，首条预警短信须经另一名工作人员审批后发出，提醒和上报在发出后开始计时。',
        signature: '【浙江组工】', send: '立即发送', confirmTitle: '确认发送应急预警？', confirmBody: '将立即以紧急通道向 {{count}} 人发送短信（不受夜间免打扰限制）。', cancel: '取消',
        sent: '应急预警已发布', previewFirst: '请先核对接收人',
    },
    board: {
        title: '应急预警', back: '返回列表', close: '结束预警', closeConfirm: '结束预警后将停止自动提醒和上报，回复将不再计入。确认结束？', closed: '预警已结束',
        connectionLost: '与服务器的连接中断，正在重试；下方数据可能不是最新的。', live: '每3秒自动刷新', stopped: '预警已结束，数据不再刷新',
        resolving: '正在统计接收人，稍后开始发送……',
        stats: { asked: '应确认', confirmed: '已确认', unconfirmed: '未确认', rate: '确认率', silentOrgs: '无人确认的组织', replies: '回复留言' },
        timeline: '发送情况', sentAt: '发送时间', nextReminder: '下次提醒', remindersSent: '已提醒', remindersOf: '{{sent}} / {{max}} 次',
        escalateAt: '上报时间', escalatedAt: '已上报', noMoreReminders: '不再提醒',
        sends: { alert: '预警短信', reminder: '第{{seq}}次提醒', escalation: '上报上级督促' },
        sendLine: '{{what}}：{{count}} 人', sendNone: '{{what}}：全部已确认，未发送', broadcastLink: '发送明细',
        info: '预警信息', kind: '类型', text: '短信内容', org: '发布组织', audience: '发送范围', who: '接收对象', createdBy: '发布人', createdAt: '发布时间',
        ignoreOptOut: '含已退订人员', skippedNoPhone: '无有效手机号（未发送）', skippedOptOut: '已退订（未发送）', replyExt: '回复扩展码', closedBy: '结束人',
        timing: '提醒与上报', timingValue: '每{{remind}}分钟提醒，最多{{max}}次；{{escalate}}分钟后无人确认的组织上报上级',
        byOrg: {
            title: '按组织统计', trail: '组织层级', org: '组织', own: '本级', drill: '查看{{name}}的下级组织', total: '合计',
            empty: '暂无接收人', hint: '各下级组织的数字含其全部下级；“本级”为直接属于该组织的人员。点击组织名称逐级查看。',
        },
        silent: { title: '无人确认的组织', escalated: '已上报上级', notYet: '未上报', none: '本级范围内所有组织均已有人确认。', asked: '{{count}}人' },
        escalations: { title: '上报上级记录', parent: '上级组织', orgs: '未确认组织', recipients: '通知书记', none: '上级组织未登记书记手机号码，无法上报', at: '上报时间' },
        unconfirmed: { title: '未确认人员', name: '姓名', org: '所在组织', phone: '手机号码', empty: '全部人员均已确认。', scope: '范围：{{name}}' },
        replies: { title: '回复留言', empty: '暂无确认以外的回复。', name: '姓名', org: '所在组织', phone: '手机号码', text: '内容', at: '时间' },
    },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const emergencyStrings = strings('emergency', emergencyZh, () => import('./emergency.en').then((m) => m.emergencyEn));
