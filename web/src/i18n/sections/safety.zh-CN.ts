// The Chinese strings (t('safety.…')) of the 敏感词库 and 内容审核 screens. en is in safety.en.ts.
import { strings } from '../strings';
export const safetyZh = {
  words: {
    title: '敏感词库',
    intro: '公众提交的信件、提问、推荐和异议等文字中含有以下词语时，将暂不公开，转入“内容审核”由所在组织审核。匹配时不区分全角半角和大小写，忽略插在字间的空格和标点。词库修改后立即生效，并记入审计日志。',
    add: '添加敏感词', q: '查找', qPlaceholder: '输入词语', search: '查询', reset: '重置',
    fields: { word: '敏感词', note: '备注', createdBy: '添加人', createdAt: '添加时间', actions: '操作' },
    remove: '删除', removeConfirm: '从词库中删除“{{word}}”？删除后含有该词的文字将不再被拦截。', removed: '已删除“{{word}}”',
    emptyTitle: '词库中还没有敏感词', emptyHint: '点击“添加敏感词”逐个录入，或从文本文件批量导入。', emptyFound: '没有找到含“{{q}}”的敏感词',
    drawerTitle: '添加敏感词', lines: '敏感词（每行一个）', linesPlaceholder: '每行填写一个词语，最多2000个', linesRequired: '请至少填写一个敏感词',
    linesCount: '共 {{count}} 个词', noteLabel: '备注（可选）', notePlaceholder: '如：2026年12月上级通知',
    importFile: '从文件导入', importHint: '支持 .txt 或 .csv 文件（UTF-8 编码，每行一个词，CSV 取第一列）；Excel 表格请先另存为 CSV。',
    imported: '已从文件读入 {{count}} 个词，请检查后保存', badFile: '无法读取该文件，请选择 UTF-8 编码的 .txt 或 .csv 文件',
    save: '保存', cancel: '取消', exportFile: '敏感词库.xlsx',
    excelImport: 'Excel 导入', excelImportTitle: '从 Excel 导入敏感词',
    excelImportHint: '请先下载导入模板，每行填写一个敏感词（不超过50个字）和备注（可选）。上传后逐行校验：空行、过长、只含标点、与文件内其他行或词库中已有的词重复的行列入错误报告，其余的词写入词库并立即生效。导出的“敏感词库.xlsx”也可直接导入。',
    added: '已添加 {{added}} 个敏感词', skippedTitle: '以下 {{count}} 个词未添加：',
    testTitle: '检测文字', testPlaceholder: '粘贴一段文字，查看会被拦截的词语（不保存）', test: '检测',
    testClean: '未发现敏感词', testHeld: '发现 {{count}} 处敏感词，提交后将转入内容审核：',
  },
  moderation: {
    title: '内容审核',
    intro: '公众提交的文字因含有敏感词或按规定须先审核的，在此由所在组织审核。通过后按原模块的规则公开；不予通过须填写理由。每次审核记入审计日志。',
    states: { held: '待审核', approved: '已通过', rejected: '未通过' },
    org: '组织', orgPlaceholder: '本辖区全部',
    fields: { kind: '来源', org: '所在组织', excerpt: '内容', reasons: '原因', submittedAt: '提交时间', decision: '审核结果', actions: '操作' },
    reasons: { sensitive_word: '敏感词：{{word}}', review: '按规定须先审核', other: '{{note}}' },
    fieldNames: { title: '标题', body: '正文', text: '内容', name: '姓名' },
    approve: '通过', reject: '不予通过', open: '查看原记录',
    approveConfirm: '审核通过后，该内容将按规定公开。确定通过？', approved: '已审核通过',
    rejectTitle: '不予通过', rejectReason: '理由', rejectPlaceholder: '请写明不予通过的理由，如：含有违法广告信息', rejectRequired: '请填写不予通过的理由（至少2个字）',
    rejected: '已驳回', decidedBy: '{{name}} 于 {{at}}',
    emptyHeld: '没有待审核的内容', emptyHeldHint: '公众提交的文字需要审核时会出现在这里。', emptyDone: '没有记录',
  },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const safetyStrings = strings('safety', safetyZh, () => import('./safety.en').then((m) => m.safetyEn));
