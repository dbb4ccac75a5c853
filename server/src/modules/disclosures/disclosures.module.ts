/** 党务、村务、财务公开 (F-40, F-41; issue 11 item 2): items, versions with fingerprints, the disclosure calendar, public pages (docs/disclosures.md). */
import { defineModule } from '../../platform/module.js';
import { Board, Finance, Item, PublicItem, PublicQuestions, Question } from './disclosures.schema.js';
import { disclosuresRoutes } from './disclosures.routes.js';
import { disclosuresExcel } from './disclosures.excel.js';
import { registerModerationKind } from '../safety/safety.moderation.js';
import { ANSWER_KIND, onAnswerModerated, onQuestionModerated, QUESTION_KIND } from './disclosures.questions.js';

// Questions from the public and the organization's answers pass the moderation queue (docs/disclosures.md).
registerModerationKind(QUESTION_KIND, { label: { zh: '公开事项群众提问', en: 'Question on a disclosure' }, onDecided: onQuestionModerated, link: (item) => `/admin/disclosures/questions/${item.refId}` });
registerModerationKind(ANSWER_KIND, { label: { zh: '公开事项提问答复', en: 'Answer to a question on a disclosure' }, onDecided: onAnswerModerated, link: (item) => `/admin/disclosures/questions/${item.refId}` });

export const disclosuresModule = defineModule({
  name: 'disclosures',
  routes: disclosuresRoutes,
  excel: disclosuresExcel,
  schemas: [Finance, Item, PublicItem, Board, Question, PublicQuestions],
  permissions: {
    'disclosure.read': { zh: '查看党务、村务、财务公开事项和公开计划完成情况', en: 'View disclosures and the disclosure calendar board', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
    'disclosure.write': { zh: '编辑、发布和撤回本辖区基层党组织的公开事项', en: 'Write, publish and withdraw disclosures of grassroots organizations in the subtree', roles: ['org_admin', 'branch_secretary'] },
    'disclosure.plan': { zh: '为所属基层党组织制定公开计划', en: 'Set the disclosure calendar for the grassroots organizations below', roles: ['org_admin'] },
  },
  auditActions: {
    'disclosure.create': { zh: '新建公开事项', en: 'Create disclosure' },
    'disclosure.update': { zh: '修改公开事项草稿', en: 'Edit disclosure draft' },
    'disclosure.revise': { zh: '修改已公开事项（发布新版本）', en: 'Revise published disclosure (new version)' },
    'disclosure.publish': { zh: '发布公开事项', en: 'Publish disclosure' },
    'disclosure.withdraw': { zh: '撤回公开事项', en: 'Withdraw disclosure' },
    'disclosure.attach': { zh: '上传公开事项附件', en: 'Upload disclosure attachment' },
    'disclosure.detach': { zh: '删除公开事项附件', en: 'Delete disclosure attachment' },
    'disclosure.plan.create': { zh: '制定公开计划', en: 'Create disclosure calendar entry' },
    'disclosure.plan.delete': { zh: '删除公开计划', en: 'Delete disclosure calendar entry' },
    'disclosure.export': { zh: '导出公开事项', en: 'Export disclosures' },
    'disclosure.plan.export': { zh: '导出公开计划完成情况', en: 'Export a disclosure calendar board' },
    'disclosure.question.ask': { zh: '群众对公开事项提问', en: 'Question asked on a disclosure' },
    'disclosure.question.moderated': { zh: '群众提问审核', en: 'Question moderated' },
    'disclosure.answer': { zh: '答复群众提问', en: 'Answer a question' },
    'disclosure.answer.correct': { zh: '更正已公开的答复', en: 'Correct a published answer' },
    'disclosure.answer.moderated': { zh: '提问答复审核', en: 'Answer moderated' },
  },
  entityTypes: {
    disclosure_item: { zh: '公开事项', en: 'Disclosure' },
    disclosure_plan: { zh: '公开计划', en: 'Disclosure calendar entry' },
    disclosure_question: { zh: '公开事项群众提问', en: 'Question on a disclosure' },
  },
  problems: {
    'disclosure.withdrawn': 'The disclosure has been withdrawn; publish it again before editing',
    'disclosure.published': 'The disclosure is already published; saving an edit publishes a new version',
    'disclosure.not_published': 'Only a published disclosure can be withdrawn',
    'disclosure.attachments_full': 'The disclosure has the most attachments allowed',
    'disclosure.plan_exists': 'This organization already has a calendar entry of this kind for the period',
    'disclosure.question_state': 'The question is not published: it waits for moderation or was rejected',
  },
});
