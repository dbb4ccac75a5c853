/**
 * The state machine of a transfer in one table: which action moves which state to which, and
 * which side does it. Anything not listed is refused with 409 transfer.invalid_state.
 */
import { conflict } from '../../platform/errors.js';
import type { TransferAction, TransferState } from './transfers.schema.js';

/** sending: transfer.write on the member's branch; receiving: on the destination; applicant: who applied (or the member). */
export type Side = 'sending' | 'receiving' | 'applicant';

export interface Transition {
  action: TransferAction;
  from: TransferState;
  to: TransferState;
  by: Side;
  /** Only for a destination outside the platform (true) or inside it (false). */
  outside?: boolean;
}

const OPEN: TransferState[] = ['applied', 'out_review', 'in_review', 'returned'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: 'applied', to: 'out_review', by: 'sending' },
  { action: 'submit', from: 'returned', to: 'out_review', by: 'sending' },
  { action: 'approve', from: 'out_review', to: 'in_review', by: 'sending', outside: false },
  { action: 'approve', from: 'out_review', to: 'completed', by: 'sending', outside: true },
  { action: 'approve', from: 'in_review', to: 'completed', by: 'receiving' },
  { action: 'return', from: 'out_review', to: 'returned', by: 'sending' },
  { action: 'return', from: 'in_review', to: 'returned', by: 'receiving' },
  ...OPEN.map((from) => ({ action: 'withdraw' as const, from, to: 'withdrawn' as const, by: 'applicant' as const })),
  ...OPEN.map((from) => ({ action: 'cancel' as const, from, to: 'cancelled' as const, by: 'sending' as const })),
];

export const STATE_NAMES: Record<TransferState, string> = {
  applied: '申请', out_review: '转出方审核', in_review: '转入方审核', completed: '完成', returned: '退回修改', withdrawn: '本人撤回', cancelled: '撤销',
};
export const ACTION_NAMES: Record<TransferAction, string> = { submit: '提交', approve: '审核通过', return: '退回修改', withdraw: '撤回', cancel: '撤销' };

export function findTransition(action: TransferAction, state: TransferState, outside: boolean): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.from === state && (t.outside === undefined || t.outside === outside));
}

/** The transition for `action`, or 409 naming the current state. */
export function transitionOrRefuse(action: TransferAction, state: TransferState, outside: boolean): Transition {
  const t = findTransition(action, state, outside);
  if (!t) throw conflict('transfer.invalid_state', `该转接当前状态为「${STATE_NAMES[state]}」，不能${ACTION_NAMES[action]}`);
  return t;
}
