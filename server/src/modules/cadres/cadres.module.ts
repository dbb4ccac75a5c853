/** 干部工作 (F-50, F-51; issue 11 item 3): vacancies with the public's recommendations, pre-appointment notices with confidential objections (docs/cadres.md). */
import { defineModule } from '../../platform/module.js';
import { registerModerationKind } from '../safety/safety.moderation.js';
import { BatchDetail, NoticeDetail } from './cadres.schema.js';
import { cadresRoutes } from './cadres.routes.js';
import { onObjectionModerated, onRecommendationModerated } from './cadres.moderation.js';
import { RECOMMENDATION_KIND } from './cadres.vacancies.js';
import { OBJECTION_KIND } from './cadres.notices.js';

registerModerationKind(RECOMMENDATION_KIND, { label: { zh: '干部推荐', en: 'Cadre recommendation' }, onDecided: onRecommendationModerated });
registerModerationKind(OBJECTION_KIND, { label: { zh: '任前公示异议', en: 'Objection to a pre-appointment notice' }, onDecided: onObjectionModerated });

export const cadresModule = defineModule({
  name: 'cadres',
  routes: cadresRoutes,
  schemas: [BatchDetail, NoticeDetail],
  permissions: {
    'cadre.read': { zh: '查看岗位推荐情况和任前公示', en: 'View vacancies with their recommendations, and pre-appointment notices', roles: ['org_admin', 'org_viewer'] },
    'cadre.write': { zh: '发布、修改、撤回岗位和任前公示，确认任用', en: 'Publish, edit and withdraw vacancies and pre-appointment notices; confirm appointments', roles: ['org_admin'] },
    'cadre.objections': { zh: '查阅和答复任前公示异议（异议人身份另须个人信息查看权限）', en: 'Read and answer objections to notices (an objector\'s identity also needs the personal-data reveal right)', roles: ['org_admin'] },
  },
  auditActions: {
    'cadre.batch.create': { zh: '发布岗位推荐批次', en: 'Publish vacancy batch' },
    'cadre.batch.update': { zh: '修改岗位推荐批次', en: 'Edit vacancy batch' },
    'cadre.batch.withdraw': { zh: '撤回岗位推荐批次', en: 'Withdraw vacancy batch' },
    'cadre.recommendation.submit': { zh: '群众推荐人选', en: 'Candidate recommended' },
    'cadre.recommendation.moderated': { zh: '推荐审核', en: 'Recommendation moderated' },
    'cadre.notice.publish': { zh: '发布任前公示', en: 'Publish pre-appointment notice' },
    'cadre.notice.confirm': { zh: '确认任用', en: 'Confirm appointment' },
    'cadre.notice.revise': { zh: '修改任前公示（新版本）', en: 'Edit pre-appointment notice (new version)' },
    'cadre.notice.withdraw': { zh: '撤销任前公示', en: 'Withdraw pre-appointment notice' },
    'cadre.objection.submit': { zh: '提出公示异议', en: 'Objection lodged' },
    'cadre.objection.moderated': { zh: '公示异议审核', en: 'Objection moderated' },
    'cadre.objection.reveal': { zh: '查看异议人身份', en: 'Objector\'s identity revealed' },
    'cadre.objection.answer': { zh: '答复公示异议', en: 'Answer objection' },
  },
  entityTypes: {
    cadre_batch: { zh: '岗位推荐批次', en: 'Vacancy batch' },
    cadre_recommendation: { zh: '干部推荐', en: 'Recommendation' },
    cadre_notice: { zh: '任前公示', en: 'Pre-appointment notice' },
    cadre_objection: { zh: '公示异议', en: 'Objection' },
  },
  problems: {
    'cadres.already_recommended': 'This phone has already recommended someone for this post (one recommendation per phone per post)',
    'cadres.batch_closed': 'The batch\'s closing date has passed',
    'cadres.objection_period': 'The objection period has not ended yet',
    'cadres.objection_period_over': 'The objection period is over; objections are no longer taken',
    'cadres.unanswered_objections': 'Some objections are not answered yet (or wait for moderation)',
    'cadres.confirmed': 'The appointment is already confirmed',
    'cadres.objection_held': 'The objection waits for moderation',
    'cadres.objection_state': 'The objection is answered already, or was rejected by moderation',
    'cadres.batch_withdrawn': 'The batch was withdrawn',
    'cadres.withdrawn': 'The notice was withdrawn',
    'cadres.notice_locked': 'The notice can no longer be edited (its period has begun or it has objections): withdraw it and publish anew',
    'cadres.stale': 'The notice was edited by someone else meanwhile',
  },
});
