// The Chinese strings (t('followups.…')) of the 跟踪督办 screens. en is in followups.en.ts.
import { strings } from '../strings';
export const followupsZh = {
    states: { open: '办理中', resolved: '已解决', explained: '已说明' },
    escalated: '已升级督办',
    escalatedTo: '已升级至{{org}}督办',
    daysLeft: '剩余{{count}}个工作日',
    dueToday: '今日到期',
    daysOverdue: '已逾期{{count}}个工作日',
    list: {
        title: '督办事项',
        state: '状态', anyState: '全部状态', overdue: '已逾期', escalated: '已升级', source: '来源', anySource: '全部来源', org: '组织', orgPlaceholder: '全部（含下级）',
        mine: '我负责的', watching: '我关注的', q: '关键词', qPlaceholder: '事项标题中的字词',
        fields: { title: '事项', source: '来源', owner: '承办组织', assignee: '承办人', due: '办理期限', state: '状态' },
        emptyTitle: '没有符合条件的督办事项', emptyHint: '其他业务（如问卷回复）转为督办事项后会列在这里；可调整上方筛选条件。',
        exportFile: '跟踪督办事项.xlsx', reset: '重置',
    },
    item: {
        back: '返回督办事项',
        dueGiven: '下级办理期限：{{date}}', dueResumed: '恢复本级办理期限：{{date}}',
        source: '来源', owner: '承办组织', assignee: '承办人', unassigned: '未指派', due: '办理期限', createdAt: '登记时间', createdBy: '登记人', closedAt: '办结时间',
        closing: '办结情况', escalation: '升级督办', viewSource: '查看来源记录',
        timeline: '办理过程', attachments: '附件', noAttachments: '暂无附件', watchers: '关注人', noWatchers: '暂无关注人',
        download: '下载 {{name}}', deleteAttachment: '删除', deleteAttachmentLabel: '删除附件 {{name}}', deleteAttachmentConfirm: '删除附件“{{name}}”？',
        attachmentHint: '支持 PDF、JPG、PNG、Word（.docx）、Excel（.xlsx），每个不超过10 MB，每个事项最多10个。',
        events: {
            open: '登记督办事项，由{{org}}承办', down: '转办：{{from}} → {{to}}', up: '退回上级：{{from}} → {{to}}', note: '添加备注', attachment: '上传附件：{{name}}',
            escalate: '逾期升级督办：{{from}}的事项升级至{{to}}（{{text}}）', close: '办结',
        },
        reason: '理由：{{text}}',
        actions: { passDown: '转办', passUp: '退回上级', assign: '指派', note: '添加备注', upload: '上传附件', watch: '关注', unwatch: '取消关注', close: '办结' },
        readOnlyClosed: '该事项已办结，不能再转办、指派、备注或上传附件。',
        uploaded: '已上传 {{name}}', deleted: '已删除附件', saved: '已保存', watched: '已关注，可在“我关注的”中查看', unwatched: '已取消关注',
    },
    forms: {
        passDownTitle: '转办给下级组织', passUpTitle: '退回上级组织', assignTitle: '指派承办人', noteTitle: '添加备注', closeTitle: '办结事项',
        toOrg: '接收组织', toOrgRequired: '请选择接收组织', toOrgPlaceholder: '{{org}}的直属下级组织', noChildren: '{{org}}没有下级组织，不能转办',
        passUpTo: '退回给：{{org}}',
        hopDue: '下级办理期限', workingDays: '个工作日', hopDueHelp: '不填则沿用本级办理期限（{{date}}）；下级期限不能晚于本级期限', hopDueRange: '请填写1至250之间的整数',
        reason: '理由', reasonRequired: '请填写理由', reasonDownPlaceholder: '如：属地办理，请核实情况后答复', reasonUpPlaceholder: '如：涉及全市政策，需上级统筹',
        assignee: '承办人', assigneeRequired: '请选择承办人', clearAssignee: '取消指派',
        note: '备注', noteRequired: '请填写备注内容',
        outcome: '办理结果', outcomeRequired: '请选择办理结果', closeNote: '办理情况', closeNoteRequired: '请填写办理情况',
        outcomeHelp: { resolved: '问题已经解决，写明解决的办法和结果', explained: '一时不能解决的，写明原因和向群众说明的情况' },
        closeWarn: '办结后不能再转办或修改，请核对后提交。',
        tooLong: '不能超过{{max}}个字',
        ok: '提交', cancel: '取消',
    },
    progress: {
        title: '办理进度', trail: '组织层级',
        org: '组织', own: '本级', open: '未办结', resolved: '已解决', explained: '已说明', overdue: '已逾期', escalated: '已升级', rate: '办结率', total: '合计',
        drill: '查看{{name}}的下级组织',
        chartTitle: '{{org}}各下级组织督办事项办理情况（件）',
        empty: '暂无督办事项',
        note: '每行包含该组织及其全部下级组织承办的事项；“本级”为该组织自身承办的事项。已逾期：未办结且已过办理期限；已升级：未办结且已升级督办。办结率 =（已解决 + 已说明）÷ 事项总数。',
        exportData: '导出数据', exportImage: '导出图片', showData: '查看数据', showChart: '查看图表', exportFile: '办理进度',
    },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const followupsStrings = strings('followups', followupsZh, () => import('./followups.en').then((m) => m.followupsEn));
