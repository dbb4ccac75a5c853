// The Chinese strings (t('learning.…')) of 远程教育: the member's pages (/me/learning, /me/courses, /me/lessons) and the
// console's 课程管理 and 学分规则. en is in learning.en.ts.
import { strings } from '../strings';
export const learningZh = {
    myLearning: '我的学习', courses: '课程', back: '返回', toMe: '返回党员之家', allTopics: '全部分类', allAudiences: '全部对象', allStates: '全部状态',
    hours: '{{h}}小时', minutes: '{{m}}分钟', hoursMinutes: '{{h}}小时{{m}}分钟',
    yearProgress: '{{year}}年学习任务', earned: '已获学时', duty: '年度任务', dutyCadre: '（党组织委员以上为{{h}}学时）', percentDone: '已完成{{p}}%',
    today: '今日学时上限', todayUsed: '{{used}} / {{cap}} 分钟', ledger: '学时记录', ledgerEmpty: '本年度还没有学时记录，去课程学习吧。', cappedFrom: '（本可得{{m}}分钟，受每日上限限制）',
    kind: { lesson: '课程学习', article: '文章阅读', quiz: '测验', group_viewing: '集中收看', live: '直播课' },
    audience: { member: '党员', secretary: '书记', village_official: '村干部' },
    lessonKind: { video: '视频', document: '文档', article: '文章', quiz: '测验' },
    status: { draft: '草稿', published: '已发布', withdrawn: '已撤回' },
    coursesEmpty: '暂无可学习的课程。', lessonsCount: '{{n}}个课时', courseMinutes: '共{{m}}分钟学时', by: '发布：{{org}}',
    lessonDone: '已完成', lessonCovered: '已学{{p}}%', startLesson: '学习', openLesson: '打开',
    covered: '已覆盖 {{p}}%（完成需达到{{need}}%）', coveredHint: '按实际观看的秒数计算，拖动进度条快进的部分不计入。',
    completed: '本课时已完成', noVideo: '视频暂不可播放，请稍后再试。', streamEnded: '已在其他设备或页面开始学习，本页面已停止计时。', restart: '在本页面继续学习',
    readHint: '阅读满{{s}}秒计入学时（页面需保持打开）。', readProgress: '已阅读{{s}}秒', readDone: '阅读时长已达到要求',
    download: '下载文档', quizIntro: '共{{n}}题，{{pass}}分及格。答案提交后由系统评分。', submitQuiz: '提交答案', quizScore: '得分：{{score}}分', quizPassed: '测验通过', quizFailed: '未达到及格分，可以再试一次。',
    correctAnswer: '正确答案：{{a}}', retry: '重新作答', answerAll: '请回答全部题目后再提交',
    // console
    courseAdmin: '课程管理', newCourse: '新建课程', title: '课程名称', topic: '课程分类', audiences: '学习对象', org: '发布组织', description: '课程简介',
    lessonType: '类型', lessons: '课时', addLesson: '添加课时', lessonTitle: '课时名称', videoUrl: '视频地址（MP4）', durationSeconds: '时长（秒）', creditMinutes: '学时（分钟）',
    creditDefault: '默认按时长向上取整', body: '正文', file: '文档文件', upload: '上传文件', passPercent: '及格分', questions: '题目', addQuestion: '添加题目',
    questionText: '题干', multiple: '多选', options: '选项（每行一个）', answer: '正确答案（选项序号，如 1 或 1,3）', cover: '封面图片', uploadCover: '上传封面',
    save: '保存', saved: '已保存', publish: '发布', published: '课程已发布', withdraw: '撤回', withdrawn: '课程已撤回', withdrawConfirm: '撤回后党员将看不到该课程，已获学时保留。确定撤回？',
    remove: '删除', removeConfirm: '删除该课时？党员已获得的学时保留。', moveUp: '上移', moveDown: '下移', edit: '编辑', status_: '状态', updatedAt: '更新时间', search: '搜索课程名称',
    listEmpty: '还没有课程。', mediaAsset: '媒体库视频',
    rules: '学分规则', rulesIntro: '学分规则全省统一，由省级管理员设置。修改后对之后获得的学时生效。', completionPercent: '视频完成比例（%）',
    articleMinSeconds: '文章最短阅读时长（秒）', articleMinutes: '每篇文章学时（分钟）', quizMinutes: '每次测验通过学时（分钟）', dailyCaps: '每日上限（分钟）',
    dutyHoursMember: '党员年度学习任务（学时）', dutyHoursCadre: '党组织委员以上年度学习任务（学时）', rulesSaved: '学分规则已保存', updatedBy: '最近由{{name}}于{{at}}修改',
    rulesConflict: '学分规则已被他人修改，已为您载入最新内容，请核对后重新保存。',
    live: {
        title: '直播课堂', listTitle: '直播', upcoming: '即将开始和正在直播', ended: '往期直播', empty: '近期没有直播安排。', endedEmpty: '暂无往期直播。',
        status: { scheduled: '未开始', live: '直播中', ended: '已结束', cancelled: '已取消' },
        startsAt: '开始时间', endsAt: '结束时间', countdown: '距开始还有', days: '{{n}}天', startingSoon: '即将开始，请稍候', waitingStart: '直播尚未开始，开始后本页将自动播放。',
        viewers: '{{n}}人正在观看', cancelled: '本场直播已取消：{{reason}}', endedNote: '本场直播已结束。', watchRecording: '观看回放', noRecording: '回放整理中，请稍后查看。',
        watched: '今日已观看{{m}}分钟，满{{need}}分钟可获得{{credit}}分钟学时', credited: '今日已获得本场直播学时', open: '进入',
        chat: '互动交流', chatPlaceholder: '说说您的学习体会（不超过200字）', send: '发送', chatClosed: '直播开始前30分钟起至直播结束可以发言', chatEmpty: '还没有发言。',
        chatRequired: '请输入发言内容', chatTooLong: '发言不能超过200字', heldNote: '发言已提交，经审核后显示', offline: '网络连接中断，正在重试…', me: '（我）',
        // console
        admin: '直播管理', create: '安排直播', editTitle: '修改直播', name: '直播名称', source: '直播源', sourceUrl: 'HLS 播放地址（.m3u8）', sourceAsset: '或媒体库视频',
        sourceHint: '填写编码器推流到源站或CDN后的 HLS 播放地址；视频流不经过本平台。',
        sourceHintNoOrigins: '本平台尚未登记直播源站，外部播放地址党员无法播放，请选择视频资源或联系系统管理员。', originsAre: '已登记的直播源站：{{list}}。',
        noOrigins: '尚未登记直播源站或CDN', noOriginsHint: '系统配置项 LIVE_MEDIA_ORIGINS 为空：浏览器的安全策略只允许播放本站的视频，外部推流地址（.m3u8）保存后党员将无法收看。使用平台视频资源的直播不受影响。请联系系统管理员登记源站或CDN地址。', course: '所属课程', courseHint: '回放将作为视频课时添加到该课程', creditMinutes: '学时（分钟）',
        creditHint: '默认按计划时长计算', audiences: '收看对象', org: '主办组织', start: '开始直播', end: '结束直播', cancel: '取消直播', cancelReason: '取消原因',
        startConfirm: '确认编码器已开始推流？开始后党员即可收看。', endConfirm: '确定结束直播？结束后党员不能再收看直播。', started: '直播已开始', endedMsg: '直播已结束', cancelledMsg: '直播已取消',
        moderation: '聊天审核', held: '待审核', shown: '已显示', hidden: '已屏蔽', approve: '通过', hide: '屏蔽', hideReason: '屏蔽原因', words: '命中敏感词', approved: '已通过', hiddenMsg: '已屏蔽',
        recording: '关联回放', recordingAsset: '回放视频', recordingUrl: '或 MP4 视频地址', recordingDuration: '时长（秒）', recordingTitle: '课时名称', recordingDone: '已添加回放课时',
        msgText: '发言内容', sender: '发言人', sentAt: '发言时间', description: '直播简介', recordingLinked: '已关联回放', heldCount: '待审核{{n}}条', listEmpty: '还没有直播安排。', search: '搜索直播名称', detail: '详情', range: '时间',
        rules: {
            name: '请填写直播名称', audiences: '请选择收看对象', org: '请选择主办组织', startsAt: '请选择开始时间', endsAt: '请选择结束时间', source: '请填写 HLS 播放地址或视频资源编号',
            sourceUrl: '播放地址须以 http:// 或 https:// 开头、以 .m3u8 结尾', origin: '播放地址须在已登记的直播源站上（{{list}}）', reason: '请填写原因',
        },
    },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const learningStrings = strings('learning', learningZh, () => import('./learning.en').then((m) => m.learningEn));
