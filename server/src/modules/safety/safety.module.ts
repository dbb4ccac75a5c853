/**
 * 公众输入安全 (issue 11, item 4): the sensitive-word list and filter, the moderation queue, rate limits and captcha
 * for public forms, phone verification, and (in platform/upload-check.ts) upload checks. Other modules call it
 * (docs/security.md, "For other modules"); its tables are its own (migration 20261205T0600-safety).
 */
import { defineModule } from '../../platform/module.js';
import { safetyRoutes } from './safety.routes.js';
import { purgeCaptchas } from './safety.captcha.js';
import { purgeOld } from './safety.public.js';
import { safetyExcel } from './safety.excel.js';

export const safetyModule = defineModule({
  name: 'safety',
  routes: safetyRoutes,
  excel: safetyExcel,
  permissions: {
    'moderation.review': { zh: '审核公众提交的内容', en: 'Moderate public submissions', roles: ['org_admin'] },
  },
  auditActions: {
    'safety.word_add': { zh: '添加敏感词', en: 'Add sensitive words' },
    'safety.word_remove': { zh: '删除敏感词', en: 'Remove a sensitive word' },
    'safety.word_export': { zh: '导出敏感词库', en: 'Export the sensitive-word list' },
    'safety_word.import.upload': { zh: '上传敏感词库导入文件', en: 'Upload a sensitive-word import' },
    'safety_word.import': { zh: '导入敏感词库', en: 'Import sensitive words' },
    'safety.phone_code': { zh: '发送手机验证码（公众）', en: 'Send a phone verification code (public)' },
    'safety.phone_verify': { zh: '校验手机验证码（公众）', en: 'Check a phone verification code (public)' },
    'moderation.submit': { zh: '提交内容审核', en: 'Hold content for moderation' },
    'moderation.approve': { zh: '审核通过', en: 'Approve held content' },
    'moderation.reject': { zh: '审核不予通过', en: 'Reject held content' },
  },
  entityTypes: {
    safety_word_list: { zh: '敏感词库', en: 'Sensitive-word list' },
    moderation_item: { zh: '待审核内容', en: 'Held content' },
    phone_verification: { zh: '手机号码验证', en: 'Phone verification' },
  },
  problems: {
    'safety.rate_limited': 'Too many submissions; please try again later',
    'safety.captcha_required': 'Please enter the image captcha before submitting again',
    'safety.captcha_invalid': 'The image captcha is wrong, expired or used; please refresh it and try again',
    'safety.phone_code_invalid': 'The verification code is not correct',
    'safety.phone_code_expired': 'The verification code has expired; please request a new one',
    'safety.phone_unverified': 'Please verify your phone number with an SMS code first',
    'moderation.decided': 'This content has already been decided; please refresh the list',
  },
  maintenance: [
    { name: 'safety.purge', everyMs: 60 * 60_000, run: async (ctx) => { await purgeCaptchas(ctx); await purgeOld(ctx); } },
  ],
});
