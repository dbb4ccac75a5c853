/** 党组织: the organization tree, its moves and the copies of its paths. */
import { defineModule } from '../../platform/module.js';
import { OrgDetail, OrgSummary } from './orgs.schema.js';
import { orgsExcel } from './orgs.excel.js';
import { orgRoutes } from './orgs.routes.js';

export const orgsModule = defineModule({
  name: 'orgs',
  routes: orgRoutes,
  schemas: [OrgSummary, OrgDetail],
  excel: orgsExcel,
  permissions: {
    // The system administrator sees the tree to place accounts in it, never members.
    'org.read': { zh: '查看党组织', en: 'View organizations', roles: ['org_admin', 'org_viewer', 'branch_secretary', 'sysadmin'] },
    'org.write': { zh: '管理党组织和站点', en: 'Manage organizations and stations', roles: ['org_admin'] },
  },
  auditActions: {
    'org.create': { zh: '新增组织', en: 'Create organization' },
    'org.update': { zh: '修改组织', en: 'Update organization' },
    'org.move': { zh: '移动组织', en: 'Move organization' },
    'org.deactivate': { zh: '撤销组织', en: 'Dissolve organization' },
    'org.import': { zh: '导入组织信息', en: 'Import organizations' },
    'org.import.upload': { zh: '上传组织导入文件', en: 'Upload organization import' },
    'org.export': { zh: '导出组织信息', en: 'Export organizations' },
  },
  entityTypes: {
    org: { zh: '组织', en: 'Organization' },
  },
  pathCopies: {
    triggerKept: [{ table: 'subtree_counts', column: 'anchor', why: 'exact counters per province/city/county, moved by the counter triggers (migration 20261127T0530-scale)' }],
  },
  problems: {
    'org.already_inactive': 'This organization is already dissolved',
    'org.deactivate_root': 'The top-level organization cannot be dissolved',
    'org.has_active_children': 'This organization still has active sub-organizations; dissolve or move them first',
    'org.has_members': 'This organization still has members; transfer them first',
    'org.move_into_own_subtree': 'An organization cannot be moved under itself or its own sub-organizations',
    'org.move_root': 'The top-level organization cannot be moved',
    'org.move_same_parent': 'The new parent organization is the same as the old one',
    'org.parent_inactive': 'The parent organization is dissolved',
    'org.own_organization': 'You cannot rename or retype the organization you serve in; the organization above does that',
    'org.tree_rule': 'This type of organization cannot be placed here',
  },
});
