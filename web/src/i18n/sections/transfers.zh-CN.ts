// The transfers screens' Chinese strings (t('transfers.…')). Owned by web/src/modules/transfers; en is in transfers.en.ts.
export const transfersZh = {
  title: '组织关系转接',
};
