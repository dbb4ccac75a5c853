// A transfer's state as a coloured tag (tones from StatusTag, checked for AA contrast).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dynLabel } from '@/i18n/enums';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import type { TransferState } from './transfers-api';

const TONE: Record<TransferState, Tone> = {
  applied: 'blue', out_review: 'gold', in_review: 'gold', returned: 'red', completed: 'green', withdrawn: 'grey', cancelled: 'grey',
};

export function stateLabel(t: TFunction, state: string): string {
  return dynLabel(t, `transfers.states.${state}`, state);
}

export function TransferStateTag({ state, testId }: { state: TransferState; testId?: string }) {
  const { t } = useTranslation();
  return <span data-testid={testId} data-state={state}><StatusTag tone={TONE[state] ?? 'grey'}>{stateLabel(t, state)}</StatusTag></span>;
}
