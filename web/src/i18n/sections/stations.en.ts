import type { stationsZh } from './stations.zh-CN';

export const stationsEn: typeof stationsZh = {
  title: 'Distance-education stations',
};
