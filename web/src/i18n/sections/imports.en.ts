import type { importsZh } from './imports.zh-CN';

export const importsEn: typeof importsZh = {
  title: 'Data import',
};
