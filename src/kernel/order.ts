/** The engine's order of operands of `+` and `*` (src/expr/order.ts) for kernel terms: it picks a form, soundness never rests on it. */
import { qCmp } from './rational.js';
import type { Term } from './term.js';

const RANK = { num: 0, sym: 1, add: 3, call: 4, mul: 5, pow: 6 } as const;

const rankOf = (e: Term): number => (e.kind !== 'call' ? RANK[e.kind] : e.args.every((a) => a.kind === 'sym' || a.kind === 'num') ? 2 : RANK.call);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Names with runs of digits compared as numbers: `a2 < a10 < b`. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    const [da, db] = [isDigit(a.charCodeAt(i)), isDigit(b.charCodeAt(j))];
    let [ie, je] = [i + 1, j + 1];
    while (ie < a.length && isDigit(a.charCodeAt(ie)) === da) ie++;
    while (je < b.length && isDigit(b.charCodeAt(je)) === db) je++;
    const [x, y] = [a.slice(i, ie), b.slice(j, je)];
    [i, j] = [ie, je];
    if (x === y) continue;
    if (da && db && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

function compareLists(a: readonly Term[], b: readonly Term[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareTerms(a[i]!, b[i]!);
    if (c) return c;
  }
  return a.length - b.length;
}

const bodyStart = (e: Term): number => (e.kind === 'mul' && e.args[0]!.kind === 'num' ? 1 : 0);

/** Total order on terms of one store; 0 exactly for the same term. */
export function compareTerms(a: Term, b: Term): number {
  if (a === b) return 0;
  if (a.kind === 'num' || b.kind === 'num') return a.kind === 'num' && b.kind === 'num' ? qCmp(a.value, b.value) : a.kind === 'num' ? -1 : 1;
  const [sa, sb] = [bodyStart(a), bodyStart(b)];
  const na = a.kind === 'mul' ? a.args.length - sa : 1;
  const nb = b.kind === 'mul' ? b.args.length - sb : 1;
  for (let i = 0; i < Math.min(na, nb); i++) {
    const c = compareFactor(a.kind === 'mul' ? a.args[sa + i]! : a, b.kind === 'mul' ? b.args[sb + i]! : b);
    if (c) return c;
  }
  if (na !== nb) return na - nb;
  return qCmp(sa ? a.args[0]!.value : { n: 1n, d: 1n }, sb ? b.args[0]!.value : { n: 1n, d: 1n });
}

function compareFactor(a: Term, b: Term): number {
  if (a === b) return 0;
  const ba = a.kind === 'pow' ? a.args[0]! : a;
  const bb = b.kind === 'pow' ? b.args[0]! : b;
  if (ba !== bb) return compareAtom(ba, bb);
  if (a.kind !== 'pow') return -1;
  if (b.kind !== 'pow') return 1;
  return compareTerms(a.args[1]!, b.args[1]!);
}

function compareAtom(a: Term, b: Term): number {
  const [ra, rb] = [rankOf(a), rankOf(b)];
  if (ra !== rb) return ra - rb;
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  if (a.kind === 'num') return qCmp(a.value, b.value);
  if (a.kind === 'sym') return compareNames(a.name, b.name);
  if (a.kind === 'call' && a.fn !== b.fn) return compareNames(a.fn, b.fn);
  return compareLists(a.args, b.args);
}
