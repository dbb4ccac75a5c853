/** 远程教育终端站点 (F-07): the registry of receiving stations. */
import { defineModule } from '../../platform/module.js';
import { Station } from './stations.schema.js';
import { stationsExcel } from './stations.excel.js';
import { stationRoutes } from './stations.routes.js';

export const stationsModule = defineModule({
  name: 'stations',
  routes: stationRoutes,
  schemas: [Station],
  excel: stationsExcel,
  permissions: {
    'station.read': { zh: '查看远程教育站点', en: 'View distance-education stations', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
  },
  auditActions: {
    'station.create': { zh: '新增站点', en: 'Create station' },
    'station.update': { zh: '修改站点', en: 'Edit station' },
    'station.status': { zh: '变更站点状态', en: 'Change station status' },
    'station.import': { zh: '导入站点信息', en: 'Import stations' },
    'station.import.upload': { zh: '上传站点导入文件', en: 'Upload station import' },
    'station.export': { zh: '导出站点信息', en: 'Export stations' },
  },
  entityTypes: {
    station: { zh: '远程教育站点', en: 'Station' },
  },
  pathCopies: {
    rewritten: [{ table: 'stations', column: 'org_path', why: 'subtree filters over 46,500 stations without a join' }],
  },
  problems: {
    'station.same_status': 'The station already has this status',
    'station.duplicate_name': 'A station of this name already exists in this organization',
  },
});
