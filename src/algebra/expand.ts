/** Expanding products over sums, and collecting like terms, as separate visible moves. */
import { type Expr, add, mul, num } from '../expr/node.js';
import { AtomTable, PolyLimit, toRationalFunction } from '../expr/poly.js';
import { ratInv } from '../expr/rational.js';

const MAX_TERMS = 256;

/** Multiplies out products of sums (and small integer powers of sums), without collecting. */
export function expand(e: Expr): Expr | undefined {
  try {
    const out = add(...terms(e));
    return out === e ? undefined : out;
  } catch (err) {
    if (err instanceof PolyLimit) return undefined;
    throw err;
  }
}

function terms(e: Expr): Expr[] {
  if (e.kind === 'add') return e.args.flatMap(terms);
  if (e.kind === 'pow' && e.args[0].kind === 'add' && e.args[1].kind === 'num') {
    const k = e.args[1].value;
    if (k.d === 1n && k.n >= 2n && k.n <= 4n) return terms(mul(...Array.from({ length: Number(k.n) }, () => e.args[0])));
  }
  if (e.kind !== 'mul') return [e];
  let acc: Expr[] = [num(1)];
  for (const f of e.args) {
    const fs = f.kind === 'add' || (f.kind === 'pow' && f.args[0].kind === 'add') ? terms(f) : [f];
    if (acc.length * fs.length > MAX_TERMS) throw new PolyLimit(MAX_TERMS);
    acc = acc.flatMap((a) => fs.map((b) => mul(a, b)));
  }
  return acc;
}

/**
 * Collects like terms of a polynomial expression (a sum with no symbolic denominators),
 * keeping function applications and symbolic powers as they are.
 */
export function collect(e: Expr): Expr | undefined {
  try {
    const atoms = new AtomTable();
    const rf = toRationalFunction(e, atoms, { normalizeAtoms: false });
    const c = rf.den.constantValue;
    if (c === undefined || c.n === 0n) return undefined;
    const out = rf.num.scale(ratInv(c)).toExpr(atoms);
    return out === e ? undefined : out;
  } catch (err) {
    if (err instanceof PolyLimit) return undefined;
    throw err;
  }
}
