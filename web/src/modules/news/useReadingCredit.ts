// Reading credit (F-71): the hook the member's article page calls. The learning module (branch feat/learning) will
// start a reading session for the signed-in member and credit it after the minimum time; until the lead wires it
// against the learning API this hook does nothing and reports that no session runs. Keep it free of antd and the
// query library: the public article page's chunk must stay small.
export type ReadingSource = 'news.article';

export interface ReadingCredit {
  /** A reading session runs for the signed-in member (the page shows a note). */
  active: boolean;
}

/** Starts (and on leaving, ends) a reading session for `id`; see the learning module. Not yet wired: inactive. */
export function useReadingCredit(sourceType: ReadingSource, id: string | undefined): ReadingCredit {
  void sourceType;
  void id;
  return { active: false };
}
