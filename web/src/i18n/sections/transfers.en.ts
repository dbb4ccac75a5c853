import type { transfersZh } from './transfers.zh-CN';

export const transfersEn: typeof transfersZh = {
  title: 'Membership transfers',
};
