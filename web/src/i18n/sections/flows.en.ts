import type { flowsZh } from './flows.zh-CN';

export const flowsEn: typeof flowsZh = {
  title: 'Migrant members',
};
