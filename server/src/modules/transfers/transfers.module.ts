/** 组织关系转接: transfers between branches, inside the province and out of it. */
import { defineModule } from '../../platform/module.js';
import { TransferDetail, TransferSummary } from './transfers.schema.js';
import { transfersExcel } from './transfers.excel.js';
import { transferRoutes } from './transfers.routes.js';

export const transfersModule = defineModule({
  name: 'transfers',
  routes: transferRoutes,
  schemas: [TransferSummary, TransferDetail],
  excel: transfersExcel,
  permissions: {
    'transfer.read': { zh: '查看组织关系转接', en: 'View transfers', roles: ['org_admin', 'branch_secretary'] },
    'transfer.write': { zh: '办理组织关系转接', en: 'Handle transfers', roles: ['org_admin', 'branch_secretary'] },
  },
  auditActions: {
    'transfer.create': { zh: '新建组织关系转接', en: 'Create transfer' },
    'transfer.submit': { zh: '提交转接申请', en: 'Submit transfer' },
    'transfer.approve': { zh: '审核通过转接', en: 'Approve transfer' },
    'transfer.return': { zh: '退回转接申请', en: 'Return transfer' },
    'transfer.withdraw': { zh: '撤回转接申请', en: 'Withdraw transfer' },
    'transfer.cancel': { zh: '撤销转接', en: 'Cancel transfer' },
    'transfer.export': { zh: '导出转接记录', en: 'Export transfers' },
    'member.transfer': { zh: '转入组织关系', en: 'Membership transferred in' },
    'member.transfer_out': { zh: '转出组织关系（省外）', en: 'Membership transferred out of province' },
  },
  entityTypes: {
    transfer: { zh: '组织关系转接', en: 'Transfer' },
    member: { zh: '党员', en: 'Member' },
  },
  problems: {
    'transfer.destination_inactive': 'The receiving organization has been dissolved; return the transfer so the sending side can choose another',
    'transfer.expired': 'The letter of introduction has expired; return the transfer so the sending side can issue a new one',
    'transfer.invalid_state': 'This step is not possible in the current state of the transfer',
    'transfer.letter_not_issued': 'The letter of introduction has not been issued yet; it can be printed once the sending side approves',
    'transfer.member_moved': 'The organization of the member has changed; cancel this transfer and start again',
    'transfer.open_exists': 'This member already has a transfer in progress',
    'transfer.wrong_side': 'The other side of the transfer handles this step',
  },
});
