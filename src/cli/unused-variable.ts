/** A note for a derivative by a variable the loss does not use: it is 0, but often a typo (`--wrt z3` for z2). */
import { Definitions } from '../expr/context.js';
import { freeSymbols } from '../expr/indexed.js';
import type { ProblemSpec } from '../parse/problem.js';
import { nearestName } from '../parse/suggest.js';

/** `the loss does not use z3, so its derivative is 0; did you mean z2?`, or undefined when it uses it. */
export function unusedVariableNote(spec: ProblemSpec): string | undefined {
  const defs = new Definitions(spec.definitions);
  const wrt = spec.wrt.replace(/\[.*$/, '');
  if (defs.exprDependsOn(spec.loss, wrt)) return undefined;
  const names = [...new Set([...defs.freeVariables([spec.loss]), ...spec.definitions.map((d) => d.name), ...freeSymbols(spec.loss)])];
  const near = nearestName(wrt, names.filter((n) => n !== wrt && defs.exprDependsOn(spec.loss, n)));
  return `the loss does not use ${spec.wrt}, so its derivative is 0${near ? `; did you mean ${near}?` : ''}`;
}
