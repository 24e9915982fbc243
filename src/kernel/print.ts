/** Kernel terms in the input syntax, for the reasons a check gives: `a2 - y`, `-y/a2`, `(1 - y)/(1 - a2)`. */
import { type Q, qNeg, qStr } from './rational.js';
import type { Term } from './term.js';

const [SUM, PRODUCT, POWER] = [1, 2, 3];
const COMPARISONS: Readonly<Record<string, string>> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/** The term as `coefficient * rest`, so a negative term reads `- rest`. */
function split(t: Term): { c: Q; factors: readonly Term[] } {
  if (t.kind === 'num') return { c: t.value, factors: [] };
  if (t.kind === 'mul') return t.args[0]!.kind === 'num' ? { c: t.args[0]!.value, factors: t.args.slice(1) } : { c: { n: 1n, d: 1n }, factors: t.args };
  return { c: { n: 1n, d: 1n }, factors: [t] };
}

const isDenominator = (f: Term): boolean => f.kind === 'pow' && f.args[1]!.kind === 'num' && f.args[1]!.value.n < 0n && f.args[1]!.value.d === 1n;

function product(c: Q, factors: readonly Term[]): string {
  const sign = c.n < 0n ? '-' : '';
  const n = c.n < 0n ? -c.n : c.n;
  const top = factors.filter((f) => !isDenominator(f)).map((f) => wrap(f, PRODUCT));
  const bottom = factors.filter(isDenominator).map((f) => {
    const k = -f.args[1]!.value.n;
    return k === 1n ? wrap(f.args[0]!, PRODUCT) : `${wrap(f.args[0]!, POWER)}^${k}`;
  });
  if (n !== 1n || top.length === 0) top.unshift(`${n}`);
  if (c.d !== 1n) bottom.unshift(`${c.d}`);
  const under = bottom.length === 0 ? '' : bottom.length === 1 && !bottom[0]!.includes('*') ? `/${bottom[0]}` : `/(${bottom.join('*')})`;
  return `${sign}${top.join('*')}${under}`;
}

/** How tightly the printed term binds: a sum or a leading minus, a product, a power, an atom (9). */
const level = (t: Term): number =>
  t.kind === 'add' || (t.kind === 'num' && (t.value.n < 0n || t.value.d !== 1n)) || ((t.kind === 'mul' || isDenominator(t)) && split(t).c.n < 0n) ? SUM : t.kind === 'mul' || isDenominator(t) ? PRODUCT : t.kind === 'pow' ? POWER : 9;
const wrap = (t: Term, min: number): string => (level(t) <= min ? `(${toText(t)})` : toText(t));

export function toText(t: Term): string {
  switch (t.kind) {
    case 'num':
      return qStr(t.value);
    case 'sym':
      return t.name;
    case 'add':
      return t.args.map((a, i) => (i === 0 ? toText(a) : split(a).c.n < 0n ? ` - ${product(qNeg(split(a).c), split(a).factors)}` : ` + ${toText(a)}`)).join('');
    case 'mul':
      return product(split(t).c, split(t).factors);
    case 'pow':
      return isDenominator(t) ? product({ n: 1n, d: 1n }, [t]) : `${wrap(t.args[0]!, POWER)}^${wrap(t.args[1]!, POWER)}`;
    default:
      if (t.fn === 'at' && t.args.length === 2) return `${toText(t.args[0]!)}[${toText(t.args[1]!)}]`;
      if (t.fn in COMPARISONS && t.args.length === 2) return `${toText(t.args[0]!)} ${COMPARISONS[t.fn]} ${toText(t.args[1]!)}`;
      return `${t.fn}(${t.args.map(toText).join(', ')})`;
  }
}
