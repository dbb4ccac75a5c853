// The stations screens' Chinese strings (t('stations.…')). Owned by web/src/modules/stations; en is in stations.en.ts.
export const stationsZh = {
  title: '远程教育站点',
};
