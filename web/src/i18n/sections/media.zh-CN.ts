// The media screens' Chinese strings (t('media.…')). Owned by web/src/modules/media; en is in media.en.ts.
import { strings } from '../strings';
export const mediaZh = {
  title: '视频资源',
  upload: '上传视频或文件',
  uploadTitle: '上传视频或文件',
  chooseFile: '选择文件',
  accept: '支持 MP4、MOV、WebM、MKV、AVI、TS、FLV 视频，以及 PDF、Word、Excel、PowerPoint 文档；网络中断后重新选择同一文件即可从中断处继续上传。',
  acceptVideo: '支持 MP4、MOV、WebM、MKV、AVI、TS、FLV 视频；上传后自动转码，转码完成即选中该视频。网络中断后重新选择同一文件即可从中断处继续上传。',
  visibility: '观看范围',
  visibilities: { public: '公开（无需登录）', members: '党员（登录后观看）', staff: '仅工作人员' },
  fields: { poster: '封面', title: '标题', kind: '类型', status: '状态', duration: '时长', size: '大小', visibility: '观看范围', org: '所属组织', uploadedBy: '上传人', createdAt: '上传时间', actions: '操作' },
  kinds: { video: '视频', document: '文档' },
  statuses: { uploading: '上传中', processing: '转码中', ready: '可播放', failed: '处理失败' },
  uploading: '正在上传：{{name}}',
  resumed: '已从上次中断处（{{percent}}）继续上传',
  retrying: '网络中断，正在重试（第 {{n}} 次）…',
  uploadFailed: '上传未完成：{{reason}}。重新选择同一文件可从中断处继续。',
  transcoding: '上传完成，正在转码（{{percent}}%）',
  ready: '处理完成，可以播放',
  failed: '处理失败：{{reason}}',
  preview: '预览',
  delete: '删除',
  deleteConfirm: '删除“{{title}}”？文件将被删除，引用它的课程和新闻将无法播放。',
  deleted: '已删除',
  emptyTitle: '暂无视频或文件',
  emptyHint: '点击右上角“上传视频或文件”添加；视频上传后自动转码为多种清晰度。',
  noPoster: '无封面',
  playerError: '视频无法播放，请稍后重试',
  close: '关闭',
  filterAll: '全部状态',
  picker: {
    placeholder: '输入标题搜索媒体库中的视频',
    upload: '上传新视频',
    loading: '正在加载…',
    empty: '没有符合条件的视频，可点击“上传新视频”添加',
    missing: '视频（编号 {{id}}）已删除或不在您的管辖范围内，请重新选择',
  },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const mediaStrings = strings('media', mediaZh, () => import('./media.en').then((m) => m.mediaEn));
