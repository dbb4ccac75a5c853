/**
 * The sensitive-word importer's check of a row beyond its cells (safety.excel.ts): a word that folds to nothing
 * (only spaces or punctuation) cannot match anything, and a word the file already holds (by folded form, as the
 * filter compares) is a duplicate of that row. Pure: the import worker thread loads this file (its default export).
 */
import type { RowChecker } from '../../platform/excel/rows.js';
import { foldForMatching } from '../../platform/text/aho-corasick.js';

/** A word row that passed the checks without the database. */
export interface WordImportRow { word: string; folded: string; note: string | null }

const checkWordRow: RowChecker<{ word: string; note?: string }, WordImportRow> = () => {
  const seen = new Map<string, { row: number; word: string }>();
  return (c, { add, row }) => {
    const word = c.word.trim();
    const folded = foldForMatching(word);
    if (!folded) return void add('敏感词', '该词只含空格或标点，无法匹配，请删除或改正');
    const first = seen.get(folded);
    if (first) return void add('敏感词', `与第${first.row}行的「${first.word}」重复（匹配时不区分全角半角和大小写，忽略空格和标点）`);
    seen.set(folded, { row, word });
    return { word, folded, note: c.note?.trim() || null };
  };
};
export default checkWordRow;
