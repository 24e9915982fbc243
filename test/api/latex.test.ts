/** LaTeX from the library: renderLatex (the document or its align* block) and proofToAlign (a replayed proof). */
import { describe, expect, it } from 'vitest';
import { GradproofError, derive, proofToAlign, renderLatex } from '../../src/index.js';

const SEED = { loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2' };

describe('renderLatex', () => {
  it('the document, or with fragment its derivation block alone', () => {
    const doc = renderLatex(SEED);
    const fragment = renderLatex(SEED, { fragment: true });
    expect(doc.startsWith('\\documentclass{article}\n')).toBe(true);
    expect(fragment.startsWith('\\begin{align*}\n')).toBe(true);
    expect(fragment.endsWith('\\end{align*}\n')).toBe(true);
    expect(doc).toContain(fragment);
    expect(fragment).toContain('&= a_{2} - y && ');
  });
});

describe('proofToAlign', () => {
  const proof = derive(SEED);

  it('the textbook lines of a derive() result, replayed first', () => {
    const rows = proofToAlign(proof).split('\n');
    expect(rows[0]).toBe('\\begin{align*}');
    expect(rows[1]).toBe('\\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && \\text{chain rule} \\\\');
    expect(rows.at(-2)).toBe('&= a_{2} - y && \\text{cancel the common factor} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1)');
    expect(rows.at(-1)).toBe('\\end{align*}');
    expect(proofToAlign(JSON.stringify(proof), { lang: 'zh' })).toContain('\\text{链式法则}');
  });

  it('a tampered proof is refused, not rendered', () => {
    const tampered = { ...proof, steps: proof.steps.map((s, i) => (i === 5 ? { ...s, after: `${s.after} + 1` } : s)) };
    expect(() => proofToAlign(tampered)).toThrow(GradproofError);
    expect(() => proofToAlign(tampered)).toThrow(/^the proof does not replay \(step 6\): /);
  });
});
