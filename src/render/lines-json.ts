/** The textbook lines of a proof as JSON-ready records, each with the sentence that explains it. */
import { toAscii } from '../expr/print.js';
import type { Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionToText } from './conditions.js';
import { explainLine } from './explain.js';
import { proofLines } from './lines.js';
import { lineToLatex } from './proof-latex.js';
import type { Lang } from './rule-name.js';
import { withShapesOf } from './matrix-shapes.js';

/** One textbook line: expressions in the input syntax, so they parse back. */
export interface LineJson {
  /** The quantity the line is about (`diff(L, a2)`), also when the textbook leaves it blank. */
  readonly lhs: string;
  readonly rhs: string;
  /** The line continues the quantity of the line above (`&= ...`). */
  readonly continued: boolean;
  /** Rule ids of the line's steps, each once, in the order applied. */
  readonly rules: readonly string[];
  /** Their names, every one. */
  readonly names: readonly string[];
  /** What the textbook line shows beside it: the main rule, the rest folded (`logarithm rule, and 6 routine steps`). */
  readonly cited: readonly string[];
  readonly conditions: readonly string[];
  /** The alignment row, as in `proofToAlign`. */
  readonly latex: string;
  readonly explanation: string;
}

/** The lines of `proof`, as `proofLines` lays them out, in `lang`. */
export function proofLinesToJson(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang): LineJson[] {
  // The LaTeX needs to know which names are matrices; the ASCII is the functional form either way.
  return withShapesOf(proof.definitions, () => linesJson(proof, rules, lang));
}

function linesJson(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang): LineJson[] {
  let lhs = proof.start;
  return proofLines(proof, rules, lang).map((line) => {
    if (line.lhs) lhs = line.lhs;
    return {
      lhs: toAscii(lhs),
      rhs: toAscii(line.rhs),
      continued: line.lhs === undefined,
      rules: line.rules,
      names: line.allNames,
      cited: line.names,
      conditions: line.conditions.map(conditionToText),
      latex: lineToLatex(line, lang),
      explanation: explainLine(line, lang),
    };
  });
}
