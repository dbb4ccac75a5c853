// Tags with colours checked for AA contrast; antd's preset green/gold/orange tags
// have small text below 4.5:1, which axe reports.
import type { ReactNode } from 'react';
import { Tag } from 'antd';

const TONES = {
  red: { color: '#A8071A', background: '#FFF1F0', borderColor: '#FFA39E' },
  green: { color: '#135200', background: '#F6FFED', borderColor: '#B7EB8F' },
  gold: { color: '#874D00', background: '#FFFBE6', borderColor: '#FFE58F' },
  blue: { color: '#003EB3', background: '#E6F4FF', borderColor: '#91CAFF' },
  grey: { color: '#434343', background: '#F5F5F5', borderColor: '#D9D9D9' },
} as const;

export type Tone = keyof typeof TONES;

export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}
