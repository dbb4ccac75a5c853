// The Chinese strings (t('cadres.…')) of the console's 干部工作 screens. en is in cadres.en.ts.
import { strings } from '../strings';
export const cadresZh = {
    title: '干部工作', tabs: { batches: '岗位推荐', notices: '任前公示' },
    batchStatus: { upcoming: '未开始', open: '推荐中', closed: '已截止' },
    noticeStatus: { objection: '公示中', ended: '公示期满', confirmed: '已确认任用' },
    objectionState: { held: '待审核', received: '待答复', answered: '已答复', rejected: '未通过审核' },
    sex: { male: '男', female: '女' },
    createBatch: '发布岗位', createNotice: '发布任前公示', back: '返回列表',
    emptyBatches: '暂无岗位推荐批次', emptyBatchesHint: '点击“发布岗位”发布一批空缺岗位，群众可在公示网站上验证手机号后推荐人选。',
    emptyNotices: '暂无任前公示', emptyNoticesHint: '点击“发布任前公示”公示拟任人选，公示期内群众可提出异议。',
    batch: { org: '发布组织', title: '批次名称', opensOn: '推荐开始', closesOn: '推荐截止', dates: '推荐时间', status: '状态', posts: '岗位数', recommendations: '有效推荐',
      createdBy: '发布人', datesHelp: '按北京时间，含首尾两日；截止日后不再接受推荐。' },
    post: { heading: '岗位', name: '岗位名称', unit: '所在单位', headcount: '职数', requirements: '任职条件', add: '增加岗位', remove: '删除此岗位',
      count: '有效推荐{{count}}条', held: '{{count}}条待审核', candidates: '被推荐人汇总', candidate: '被推荐人', candidateUnit: '单位及职务', votes: '推荐数',
      reasons: '推荐理由', phone: '推荐人手机', at: '推荐时间', state: '状态', noRecs: '暂无推荐', details: '推荐明细' },
    recState: { held: '待审核', received: '有效', rejected: '未通过审核' },
    notice: { org: '发布组织', title: '公示标题', candidates: '公示人选', publishedOn: '公示日期', endsOn: '公示截止', workingDays: '公示期（工作日）', status: '状态',
      contact: '受理异议方式', fingerprint: '指纹（SHA-256）', publishedBy: '发布人', confirmedAt: '确认任用时间', confirmNote: '确认说明',
      workingDaysHelp: '默认5个工作日，按工作日历（节假日不计）计算截止日期。', fingerprintHelp: '发布时按公示内容计算，群众可在公示网站核对。' },
    cand: { heading: '人选', name: '姓名', sex: '性别', birthYm: '出生年月', birthYmHelp: '如1978-05', education: '学历学位', currentPost: '现任职务', proposedPost: '拟任职务', bio: '简要情况', add: '增加人选', remove: '删除此人选' },
    obj: { heading: '异议', confidential: '异议人身份仅限负责处理的工作人员查阅，每次查阅记入审计日志，请勿外传。', none: '暂无异议', candidate: '针对人选', whole: '整体', body: '异议内容',
      who: '异议人', anonymous: '未署名', state: '状态', answer: '核查处理情况', answerBtn: '答复', answerTitle: '答复异议（内部记录，不公开）', answered: '已答复',
      hidden: '您没有查阅任前公示异议的权限。异议由本级组织部门管理员负责处理。', heldHint: '含敏感词的异议须先在“内容审核”中审核。' },
    confirm: '确认任用', confirmTitle: '确认任用', confirmNote: '说明（可选）', confirmed: '已确认任用',
    confirmBlocked: { period: '公示期至{{date}}结束，期满后方可确认任用。', objections: '尚有异议未答复，全部答复后方可确认任用。' },
    published: '已发布', required: '必填',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const cadresStrings = strings('cadres', cadresZh, () => import('./cadres.en').then((m) => m.cadresEn));
