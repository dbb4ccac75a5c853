// The income and expenditure table of a finance disclosure (amounts in yuan from the stored fen).

import type { components } from '@/api/schema';
import { yuan, useD } from './format';

type Finance = components['schemas']['DisclosureFinance'];

export function FinanceTable({ finance, caption }: { finance: Finance; caption?: string }) {
  const D = useD();
  const rows = (dir: 'income' | 'expense') => finance.lines.filter((l) => l.direction === dir);
  return (
    <table className="dp-finance">
      <caption>{caption ?? D('finance')}</caption>
      <thead><tr><th scope="col">{D('category')}</th><th scope="col" className="dp-num">{D('amount')}</th></tr></thead>
      <tbody>
        <tr className="dp-fin-strong"><th scope="row">{D('opening')}</th><td className="dp-num">{yuan(finance.openingFen)}</td></tr>
        {(['income', 'expense'] as const).map((dir) => [
          <tr key={dir} className="dp-fin-group"><th scope="rowgroup" colSpan={2}>{D(dir)}</th></tr>,
          ...rows(dir).map((l, i) => (
            <tr key={`${dir}${i}`}><th scope="row" className="dp-fin-line">{l.category}{l.note ? `（${l.note}）` : ''}</th><td className="dp-num">{yuan(l.amountFen)}</td></tr>
          )),
          <tr key={`${dir}-total`} className="dp-fin-strong"><th scope="row">{D(dir === 'income' ? 'incomeTotal' : 'expenseTotal')}</th><td className="dp-num">{yuan(dir === 'income' ? finance.incomeTotalFen : finance.expenseTotalFen)}</td></tr>,
        ])}
        <tr className="dp-fin-strong dp-fin-closing"><th scope="row">{D('closing')}</th><td className="dp-num">{yuan(finance.closingFen)}</td></tr>
      </tbody>
    </table>
  );
}
