// The Chinese strings (t('cadrePublic.…')) of the public cadre pages (/cadres, /notices). en is in cadrePublic.en.ts.
import { strings } from '../strings';
export const cadrePublicZh = {
    vacancies: '干部岗位推荐', vacanciesIntro: '以下岗位正在接受推荐。群众验证手机号码后可为每个岗位推荐一名人选，推荐情况不公开。',
    noBatches: '目前没有正在接受推荐的岗位。', closes: '推荐截止：{{date}}（北京时间当日24时）', by: '发布单位：{{org}}',
    post: { unit: '所在单位', headcount: '职数', requirements: '任职条件' },
    recommend: '推荐人选', recommendTitle: '为“{{post}}”推荐人选', cancel: '取消',
    candidateName: '被推荐人姓名', candidateUnit: '被推荐人所在单位及职务', reasons: '推荐理由（不超过1000字）', submit: '提交推荐',
    once: '每个手机号码对每个岗位只能推荐一次，提交后不能修改。',
    thanks: '推荐已提交，感谢您的参与。', thanksHeld: '推荐已提交，经审核后计入。感谢您的参与。',
    notices: '任前公示', noticesIntro: '干部任用前在此公示。公示期内对公示人选有异议的，可通过本页实名或匿名反映；异议人身份严格保密，仅负责处理的工作人员可见。',
    current: '正在公示', archive: '公示归档', noNotices: '暂无公示。',
    period: '公示期：{{from}}至{{to}}（{{days}}个工作日）', ended: '公示期已结束', contact: '受理方式',
    cand: { sex: { male: '男', female: '女' }, born: '{{ym}}生', education: '学历', current: '现任', proposed: '拟任' },
    fingerprint: '公示内容指纹（SHA-256）', fingerprintHint: '指纹由公示的全部内容计算，可用于核对公示内容未被改动。',
    object: '提出异议', objectTitle: '对“{{title}}”提出异议', about: '异议针对', whole: '公示整体',
    objection: '异议内容（请写明具体事实，不超过2000字）', name: '您的姓名（可不填）', confidential: '您的手机号码和姓名经加密保存，仅负责处理的工作人员可见，不会公开。',
    submitObjection: '提交异议', objected: '异议已收到，我们将认真核查。感谢您的监督。',
    withdrawn: '本公示已于{{date}}撤销，不再受理异议。', withdrawReason: '撤销原因', revised: '本公示发布后经修改，现为第{{n}}版；原版本及其指纹见“历史版本”。',
    earlierVersions: '历史版本（{{count}}个）', versionN: '第{{n}}版',
    loadFailed: '内容暂时无法打开，请检查网络后重试。', more: '加载更多', needPhone: '请先验证手机号码',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const cadrePublicStrings = strings('cadrePublic', cadrePublicZh, () => import('./cadrePublic.en').then((m) => m.cadrePublicEn));
