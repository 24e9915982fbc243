/**
 * (b) Printing then parsing gives back the same interned node, in ASCII and in LaTeX.
 * (c) Every LaTeX string gradproof emits (an expression, every step of a derivation, its
 * result) parses in KaTeX with throwOnError.
 */
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { toAscii } from '../../src/expr/print.js';
import { toLatex } from '../../src/render/latex.js';
import { parse } from '../../src/parse/ascii.js';
import { parseLatex } from '../../src/parse/latex.js';
import { GradproofError } from '../../src/expr/errors.js';
import { symbols } from '../../src/expr/traverse.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { FUNCTIONS, expression, params, rules } from './arbitraries.js';

/** exp2(x) prints as the power 2^{x} it is, which reads back as that power: left out of the LaTeX identity. */
const LATEX_FUNCTIONS = FUNCTIONS.filter(([f]) => f !== 'exp2');

const katexParses = (latex: string): void => {
  katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'error' });
};

describe('print → parse is the identity on interned nodes', () => {
  it('ASCII', () => {
    fc.assert(
      fc.property(expression(), (e) => {
        const text = toAscii(e);
        expect(parse(text, { functions: rules.functions }), text).toBe(e);
      }),
      params(300),
    );
  });

  it('LaTeX', () => {
    fc.assert(
      fc.property(expression(LATEX_FUNCTIONS), (e) => {
        const latex = toLatex(e);
        expect(parseLatex(latex, { functions: rules.functions }), latex).toBe(e);
      }),
      params(300),
    );
  });
});

describe('every LaTeX string gradproof emits parses in KaTeX', () => {
  it('expressions', () => {
    fc.assert(fc.property(expression(), (e) => katexParses(toLatex(e))), params(300));
  });

  it('the steps and the result of derivations', () => {
    fc.assert(
      fc.property(
        expression().filter((e) => symbols(e).has('x')),
        (e) => {
          let json;
          try {
            const o = runProblem({ definitions: [], loss: e, wrt: 'x', expects: [], assumptions: [] }, { rules, budget: { maxSteps: 5000, maxSize: 20_000, maxMillis: 5000 } });
            json = outcomeToJson(o);
          } catch (err) {
            if (err instanceof GradproofError && err.code !== 'internal') return;
            throw err;
          }
          // A step is a row of an align* block.
          for (const s of json.steps) katexParses(`\\begin{align*}\n${s.latex}\n\\end{align*}`);
          katexParses(json.resultLatex);
        },
      ),
      params(25),
    );
  });
});
