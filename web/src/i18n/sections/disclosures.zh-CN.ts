// The Chinese strings (t('disclosures.…')) of the console's 党务公开 screens. en is in disclosures.en.ts.
import { strings } from '../strings';
export const disclosuresZh = {
    title: '党务公开', tabs: { items: '公开事项', plans: '公开计划' },
    kinds: { party: '党务公开', village: '村务公开', finance: '财务公开' },
    states: { draft: '草稿', published: '已公开', withdrawn: '已撤回' },
    statuses: { on_time: '按时公开', late: '逾期公开', missing: '未公开', pending: '未到期' },
    create: '新建公开事项', allOrgs: '全部组织', allKinds: '全部类别', allStates: '全部状态', empty: '暂无公开事项', emptyHint: '点击“新建公开事项”为本辖区的村（社区）党组织发布党务、村务或财务公开。',
    fields: { org: '发布组织', kind: '类别', period: '公开期间', title: '标题', body: '正文', state: '状态', version: '版本', publishedAt: '公开时间', updatedAt: '更新时间', unanswered: '待答复提问' },
    bodyHelp: '可使用段落、标题、列表、表格、加粗、倾斜和链接（HTML）；保存时系统会清除脚本、样式等不安全内容。插入图片请先上传附件，再用附件地址。',
    orgHelp: '选择村或社区党组织', periodPlaceholder: '选择期间',
    finance: { title: '收支明细表', opening: '期初余额（元）', direction: '收支', income: '收入', expense: '支出', category: '项目', amount: '金额（元）', note: '说明', addLine: '增加一行',
      incomeTotal: '收入合计（元）', expenseTotal: '支出合计（元）', closing: '期末余额（元）', compute: '按明细计算合计和期末余额', computed: '合计：收入{{income}}元，支出{{expense}}元，期末余额{{closing}}元' },
    save: '保存草稿', saveRevision: '保存并发布新版本', publish: '发布', withdraw: '撤回', withdrawConfirm: '撤回后群众将看不到该事项及其历史版本，确定撤回吗？',
    saved: '已保存', published: '已发布（第{{version}}版）', revised: '已发布新版本（第{{version}}版）', withdrawn: '已撤回',
    revisionNote: '该事项已公开。保存修改将发布新版本并生成新指纹，原版本作为历史版本继续公开。',
    attachments: '附件', upload: '上传附件', uploaded: '已上传', uploadedPending: '已上传；保存修改发布新版本后随新版本公开', copyUrl: '图片地址',
    attachmentRemove: '删除', attachmentRemoveConfirm: '删除附件“{{name}}”？', attachmentRemoveKept: '已公开的版本仍保留该附件，保存修改发布新版本后不再包含。', attachmentRemoveDraft: '该附件尚未公开，删除后不可恢复。',
    attachmentRemoved: '已删除附件', attachmentKept: '已从编辑内容中删除；已公开的版本仍保留该附件', attachmentPending: '未公开', attachmentPendingHint: '保存修改发布新版本后随新版本公开',
    attachmentsNote: '各公开版本显示发布时所附的附件；删除附件不影响已公开的版本。', exportItems: '导出公开事项', exportItemsFile: '公开事项.xlsx', exportBoard: '导出完成情况', exportOverdue: '导出未公开和逾期名单', exportBoardFile: '公开计划完成情况.xlsx', exportOverdueFile: '未公开和逾期公开名单.xlsx', versions: '公开版本', fingerprint: '指纹', publicPage: '查看公开页面', tvPage: '电视屏页面',
    plans: { create: '制定公开计划', org: '制定组织', dueOn: '截止日期', counts: '完成情况', board: '完成情况', empty: '暂无公开计划', emptyHint: '上级党组织可为所属村（社区）制定公开计划：类别、期间和截止日期。', created: '已制定', deleted: '已删除', delete: '删除', deleteConfirm: '确定删除该公开计划吗？', orgHelp: '县（市、区）、乡镇（街道）或更高一级' },
    questions: {
      title: '群众提问', hint: '群众对本事项的提问经内容审核后公开；已公开的提问由本组织答复。答复经敏感词过滤后即公开，含敏感词的先经内容审核；已公开的答复可以更正，更正同样审核后公开，原答复继续公开。',
      counts: '待审核 {{held}} · 已公开 {{published}} · 未通过 {{rejected}} · 待答复 {{unanswered}}', empty: '暂无群众提问', more: '加载更多',
      states: { held: '待审核', published: '已公开', rejected: '未通过' }, answerStates: { held: '答复审核中', published: '答复已公开', rejected: '答复未通过' },
      asker: '提问人', askedAt: '提问时间', rejectReason: '未通过理由：{{reason}}', answer: '答复', answerBy: '{{name}} 于 {{at}} 答复',
      answerPlaceholder: '以本组织名义答复，不超过2000字', answerSubmit: '提交答复', answerReplace: '重新提交答复', answered: '答复已公开', answerHeld: '答复含敏感词，已提交内容审核，审核通过后公开',
      answerRequired: '请填写答复内容', answerTooLong: '答复内容不能超过2000字', answerConfirm: '答复将以本组织名义公开，确定提交吗？',
      correct: '更正答复', correctCancel: '取消更正', correctPlaceholder: '填写更正后的完整答复，不超过2000字；可注明更正原因', correctSubmit: '提交更正', correctConfirm: '更正公开后，原答复仍作为“原答复”公开。确定提交吗？',
      corrected: '更正已公开', correctionHeld: '更正含敏感词，已提交内容审核；审核通过前公开的仍是原答复', correctionState: '更正', publishedVersions: '已公开的答复', versionLabel: '第{{version}}版 · {{at}} 公开', current: '当前', earlier: '原答复', notFound: '该提问不存在或无权查看',
    },
    board: { title: '{{plan}}完成情况', today: '今天（北京时间）：{{today}}', due: '截止日期：{{due}}', org: '组织', total: '应公开', back: '返回计划列表', up: '返回上一级', drill: '查看下级', status: '状态', totals: '合计', item: '查看' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const disclosuresStrings = strings('disclosures', disclosuresZh, () => import('./disclosures.en').then((m) => m.disclosuresEn));
