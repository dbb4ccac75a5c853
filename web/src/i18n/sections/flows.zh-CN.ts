// The flows screens' Chinese strings (t('flows.…')). Owned by web/src/modules/flows; en is in flows.en.ts.
export const flowsZh = {
  title: '流动党员管理',
};
