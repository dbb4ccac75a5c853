// The imports screens' Chinese strings (t('imports.…')). Owned by web/src/modules/imports; en is in imports.en.ts.
export const importsZh = {
  title: '数据导入',
};
