// The Simplified Chinese strings of the entry chunk: what the public portal (and every page's frame) shows. The
// reference language: en.ts is typed as this. The strings of the other faces are in sections/<namespace>.zh-CN.ts and
// travel with their chunk (catalogue.ts lists them all for the type of t()).

export const zhCN = {
  common: {
    exportXlsx: '导出Excel', export: '导出', exported: '已导出：{{name}}', exportedRows: '已导出 {{count}} 条：{{name}}',
    appName: '浙江省党建信息化平台', appShort: '党建信息化平台', console: '管理后台', memberCentre: '党员之家', portal: '门户首页',
    login: '登录', logout: '退出登录', save: '保存', cancel: '取消', confirm: '确定', edit: '编辑', create: '新增', search: '查询',
    reset: '重置', expandFilters: '展开筛选', collapseFilters: '收起筛选', loadMore: '加载更多', loading: '正在加载…', noData: '暂无数据',
    yes: '是', no: '否', actions: '操作', retry: '重试', back: '返回', close: '关闭', view: '查看', refresh: '刷新',
    language: '语言', switchLanguage: '切换语言', elderMode: '适老化', elderModeOn: '关闭大字模式', elderModeOff: '开启大字模式（适老化）',
    required: '请填写{{label}}', requiredSelect: '请选择{{label}}', networkError: '网络连接失败，请检查网络后重试',
    unknownError: '操作未能完成，请稍后重试', saved: '已保存', done: '操作成功', notSet: '—', skipToContent: '跳到主要内容',
    openMenu: '打开导航菜单', mainNav: '主导航', breadcrumb: '当前位置', currentAccount: '当前账户：{{name}}',
    demoLabel: '演示环境提示', demoBanner: '演示环境：数据均为虚构，演示账号免二次验证', forbidden: '您无权访问此页面',
    forbiddenHint: '如需访问，请联系本单位系统管理员分配相应角色。', notFound: '您访问的页面不存在',
    notFoundHint: '请检查网址是否正确，或返回首页。', backHome: '返回首页', backConsole: '返回工作台',
    conflict: '该记录已被他人修改，请刷新后重试', sessionExpired: '登录已失效，请重新登录',
    loaded: '已显示 {{loaded}} 条，共 {{total}} 条', loadedNoTotal: '已显示 {{count}} 条', allLoaded: '已全部加载',
    withNote: '{{main}}（{{note}}）', titled: '{{title}}：{{name}}', listSep: '，', 
    dateFormat: 'YYYY-MM-DD', orgPlaceholder: '输入名称搜索组织', orgPickerLabel: '选择组织', pageLoadFailed: '页面加载失败',
  },
  portal: {
    heroTitle: '浙江省党建信息化平台',
    heroIntro: '以党建信息化推动党建科学化。平台汇集党务公开、部长信箱、互动调研、远程教育、网络问政和便民服务，党员群众足不出户即可了解党务、反映诉求、参加学习。',
    statsTitle: '平台概况', statMembers: '在册党员', statOrgs: '党组织', statStations: '远程教育站点',
    statUnit: { people: '名', orgs: '个', stations: '个' },
    sectionsTitle: '服务栏目', comingSoon: '即将开通', open: '进入栏目',
    newsTitle: '党建要闻', newsMore: '更多要闻', newsTv: '党建电视节目单', newsEmpty: '暂无要闻',
    sections: {
      disclosure: { title: '党务公开', description: '基层党组织党务、村务、财务公开信息查询。' },
      cadres: { title: '干部岗位推荐', description: '空缺岗位公开推荐，验证手机号码后推荐人选。' },
      notices: { title: '任前公示', description: '干部任前公示，公示期内可实名或匿名提出异议。' },
      mailbox: { title: '部长信箱', description: '向省、市委组织部部长写信，凭查询码跟踪办理进度。' },
      survey: { title: '互动调研', description: '参与组织部门发起的短信和网上调研，建言献策。' },
      learning: { title: '远程教育', description: '党员在线学习课程、阅读党建要闻获得学时，查看年度学习任务完成情况（请先登录）。' },
      consultation: { title: '网络问政', description: '领导干部在线答复群众提问，共商发展大计。' },
      services: { title: '便民服务', description: '法律援助、健康咨询、创业指导等远程便民服务。' },
    },
    loginTitle: '登录', loginIntro: '组织部门工作人员和党员请登录后办理业务。', loginLink: '登录平台',
    loadFailed: '平台概况暂时无法获取，请稍后刷新。', footer: '中共浙江省委组织部 主办', footerNote: '本平台为开源党建信息化系统',
  },
};

export type EntryCatalogue = typeof zhCN;
