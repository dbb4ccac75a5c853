/**
 * Sensitive-word matching (敏感词过滤): an Aho–Corasick automaton over a word list, finding every occurrence of
 * every word (overlapping ones too) in one pass over the text, whatever the list's size.
 *
 * Matching is on a folded form of both the words and the text, one code point at a time:
 * - NFKC, so full-width letters, digits and punctuation (ＡＢＣ１２３！) are their half-width forms and
 *   compatibility characters (①, ﬁ) their plain ones;
 * - lower case (case folding), so 「FaLun」 matches 「falun」;
 * - characters that are not letters, marks or digits (spaces, punctuation, symbols, control and format characters
 *   such as zero-width spaces) are skipped, so a word with spaces or punctuation typed between its characters
 *   (「法 轮·功」, 「法.轮.功」) is still found. A word made only of such characters matches nothing.
 *
 * Positions are those of the original text (UTF-16 indices, `end` exclusive), so a caller can highlight or quote
 * the match as written: 「法 轮·功」 matches 法轮功 from the 法 to just after the 功.
 */

export interface WordMatch {
  /** The word of the list, as the list has it. */
  word: string;
  /** Index in the original text of the match's first character. */
  start: number;
  /** Index in the original text just after the match's last character. */
  end: number;
}

const SKIP = /[^\p{L}\p{M}\p{N}]/u;

/** The folded form of one code point: '' when it is skipped, else one or more code points (NFKC can expand). */
function foldChar(ch: string): string {
  const n = ch.normalize('NFKC').toLowerCase();
  let out = '';
  for (const c of n) if (!SKIP.test(c)) out += c;
  return out;
}

/** The folded form of a text (what matching sees): NFKC, lower case, without spaces and punctuation. */
export function foldForMatching(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Indexes into `words` of the words ending here. */
  out: number[];
  /** The nearest node along the fail chain that has outputs (-1: none). */
  dict: number;
  /** Depth in code points (the folded word's length). */
  depth: number;
}

export class WordAutomaton {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [], dict: -1, depth: 0 }];
  private readonly words: string[] = [];
  /** How many distinct folded words it holds. */
  readonly size: number;

  constructor(words: Iterable<string>) {
    const seen = new Set<string>();
    for (const word of words) {
      const folded = foldForMatching(word);
      if (!folded || seen.has(folded)) continue;
      seen.add(folded);
      let node = 0;
      let depth = 0;
      for (const ch of folded) {
        const cp = ch.codePointAt(0)!;
        depth++;
        let child = this.nodes[node]!.next.get(cp);
        if (child === undefined) {
          child = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [], dict: -1, depth });
          this.nodes[node]!.next.set(cp, child);
        }
        node = child;
      }
      this.nodes[node]!.out.push(this.words.length);
      this.words.push(word);
    }
    this.size = this.words.length;
    // Breadth first: a node's fail link is the longest proper suffix of its path that is also a path.
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi]!;
      const nu = this.nodes[u]!;
      for (const [cp, v] of nu.next) {
        let f = nu.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(cp)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(cp);
        const nv = this.nodes[v]!;
        nv.fail = target !== undefined && target !== v ? target : 0;
        const nf = this.nodes[nv.fail]!;
        nv.dict = nf.out.length ? nv.fail : nf.dict;
        queue.push(v);
      }
    }
  }

  /** Every occurrence of every word in `text`, by end then by start. */
  find(text: string, limit = Infinity): WordMatch[] {
    const matches: WordMatch[] = [];
    if (!this.size) return matches;
    // Original start of each folded code point seen so far (a match of depth d ending at folded index i starts at
    // the original position of folded index i - d + 1).
    const starts: number[] = [];
    let state = 0;
    let folded = 0;
    let pos = 0;
    for (const ch of text) {
      const begin = pos;
      pos += ch.length;
      const f = foldChar(ch);
      if (!f) continue;
      for (const c of f) {
        const cp = c.codePointAt(0)!;
        starts[folded] = begin;
        folded++;
        while (state !== 0 && !this.nodes[state]!.next.has(cp)) state = this.nodes[state]!.fail;
        state = this.nodes[state]!.next.get(cp) ?? 0;
        for (let n = this.nodes[state]!.out.length ? state : this.nodes[state]!.dict; n > 0; n = this.nodes[n]!.dict) {
          const node = this.nodes[n]!;
          for (const w of node.out) {
            matches.push({ word: this.words[w]!, start: starts[folded - node.depth]!, end: pos });
            if (matches.length >= limit) return matches;
          }
        }
      }
    }
    return matches;
  }

  /** Whether the text holds any word. */
  test(text: string): boolean {
    return this.find(text, 1).length > 0;
  }
}
