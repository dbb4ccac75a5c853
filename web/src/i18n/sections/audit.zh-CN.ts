// The Chinese strings (t('audit.…')) of the audit log screen (web/src/modules/audit). en is in audit.en.ts.
import { strings } from '../strings';
export const auditZh = {
    title: '审计日志', verify: '校验日志链', verifyOk: '日志链完整：已校验 {{count}} 条记录，未发现篡改。',
    verifyBroken: '日志链校验未通过：已校验 {{count}} 条记录，第一条异常记录编号为 {{id}}，请立即核查。',
    anchorLatest: '库外锚点 {{anchors}} 个，最新锚定至第 {{seq}} 条（{{at}}）。', anchorNone: '尚无库外锚点。',
    problem: {
      edited: '记录内容与其密钥哈希不符：记录被篡改，或哈希在没有审计密钥的情况下被重算。',
      relinked: '链位置未指向前一位置的哈希：链被重新拼接。',
      gap: '链位置缺失：链记录被删除。',
      row_missing: '链位置对应的审计记录已不存在：记录被删除。',
      anchor_mismatch: '链与库外锚点记录的哈希不符：锚定之后链被改写。',
      truncated: '链短于库外锚点记录的位置：最新的记录被删除。',
      unchained: '存在未进入哈希链的审计记录：记录被移出待链队列，或长时间未能入链。',
      anchor_unreadable: '库外锚点文件无法读取或已被改动。',
    },
    fields: {
      at: '时间', actor: '操作人', action: '操作类型', entityType: '对象类型', entityId: '对象编号', orgPath: '组织路径',
      ip: 'IP 地址', range: '时间范围', before: '操作前', after: '操作后',
    },
    actorPlaceholder: '操作人姓名或用户名', expand: '展开', noChange: '无', rangeStart: '开始时间', rangeEnd: '结束时间',
    emptyHint: '没有符合条件的审计记录，请调整筛选条件。', detailColumn: '详情',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const auditStrings = strings('audit', auditZh, () => import('./audit.en').then((m) => m.auditEn));
