/** 视频和文件资源 (F-70, issue 12): uploads, transcoding to HLS, serving (docs/media.md). */
import { defineModule } from '../../platform/module.js';
import { MediaAsset, MediaSources } from './media.schema.js';
import { mediaRoutes } from './media.routes.js';
import { TRANSCODE_QUEUE, transcodeHandler } from './media.transcode.js';

export const mediaModule = defineModule({
  name: 'media',
  routes: mediaRoutes,
  schemas: [MediaSources, MediaAsset],
  permissions: {
    'media.read': { zh: '查看本辖区的视频和文件资源', en: 'View video and file assets in the subtree', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
    'media.write': { zh: '上传、修改和删除本辖区的视频和文件资源', en: 'Upload, edit and delete video and file assets in the subtree', roles: ['org_admin', 'branch_secretary'] },
  },
  auditActions: {
    'media.upload.create': { zh: '开始上传视频或文件', en: 'Start an upload' },
    'media.upload.finish': { zh: '完成上传视频或文件', en: 'Finish an upload' },
    'media.update': { zh: '修改视频或文件资源', en: 'Edit a media asset' },
    'media.delete': { zh: '删除视频或文件资源', en: 'Delete a media asset' },
  },
  entityTypes: {
    media_asset: { zh: '视频或文件资源', en: 'Media asset' },
  },
  problems: {
    'media.offset_mismatch': 'The upload offset does not match the bytes the server has; resume from the offset it reports',
    'media.upload_closed': 'This upload is complete; nothing more can be added to it',
    'media.staff_only': 'This video is for staff only',
    'media.range': 'The requested range lies beyond the end of the file',
  },
  queues: [{ name: TRANSCODE_QUEUE, handler: transcodeHandler, concurrency: 1 }],
});
