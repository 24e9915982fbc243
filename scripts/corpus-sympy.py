"""SymPy's derivative for every case of test/corpus/peers.json, written to test/corpus/sympy.json,
so that the corpus test compares gradproof with SymPy without needing Python.

    python3 scripts/corpus-sympy.py

Each case's expression is read as mathjs syntax (implicit multiplication, ^ for power, log(x, b)
to base b, nthRoot, pow, piecewise(c1, v1, c2, v2, ...)), every name as a real symbol. SymPy
handles a case when diff gives a result without an unevaluated Derivative or Subs, nan or zoo,
in a time limit. The result is written back in mathjs syntax, so that mathjs evaluates it.
"""
import json
import os
import re
import signal
import sys

import sympy as sp
from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication, parse_expr,
                                        standard_transformations)
from sympy.printing.str import StrPrinter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRANSFORMS = standard_transformations + (implicit_multiplication, convert_xor)
TIME_LIMIT = 20  # seconds per case


def piecewise(*xs):
    """gradproof's piecewise(c1, v1, c2, v2, ...): the first value whose condition holds."""
    return sp.Piecewise(*[(xs[i + 1], xs[i]) for i in range(0, len(xs) - 1, 2)])


FUNCTIONS = {
    'log': lambda u, b=None: sp.log(u) if b is None else sp.log(u, b),
    'log10': lambda u: sp.log(u, 10), 'log2': lambda u: sp.log(u, 2),
    'log1p': lambda u: sp.log(1 + u), 'expm1': lambda u: sp.exp(u) - 1, 'exp2': lambda u: 2 ** u,
    'cbrt': sp.cbrt, 'nthRoot': lambda u, n=2: u ** (sp.Integer(1) / n), 'pow': lambda a, b: a ** b,
    'abs': sp.Abs, 'sign': sp.sign, 'heaviside': sp.Heaviside, 'min': sp.Min, 'max': sp.Max,
    'ceil': sp.ceiling, 'piecewise': piecewise, 'e': sp.E, 'pi': sp.pi,
}
for name in ['exp', 'sqrt', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2', 'acot',
             'asec', 'acsc', 'sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'asinh', 'acosh', 'atanh', 'acoth',
             'asech', 'acsch', 'erf', 'erfc', 'floor']:
    FUNCTIONS[name] = getattr(sp, name)


class MathjsPrinter(StrPrinter):
    """SymPy's str form, with the names and the piecewise form mathjs (and gradproof) read."""

    def _print_Piecewise(self, e):
        return 'piecewise(' + ', '.join(f'{self._print(c)}, {self._print(v)}' for v, c in e.args) + ')'

    def _print_BooleanTrue(self, e):
        return 'true'

    def _print_And(self, e):
        return '(' + ' and '.join(self._print(a) for a in e.args) + ')'

    def _print_Heaviside(self, e):
        return f'heaviside({self._print(e.args[0])})'


RENAMES = {'Abs': 'abs', 'DiracDelta': 'diracdelta', 'Max': 'max', 'Min': 'min', 'ceiling': 'ceil', 'E': 'e'}


def to_mathjs(e):
    text = MathjsPrinter().doprint(e).replace('**', '^')
    return re.sub(r'\b(' + '|'.join(RENAMES) + r')\b', lambda m: RENAMES[m.group(1)], text)


def names_of(text):
    return {n for n in re.findall(r'[A-Za-z_][A-Za-z0-9_]*', text) if n not in FUNCTIONS and n not in ('and', 'or', 'not', 'true', 'false')}


class TimeLimit(Exception):
    pass


def on_alarm(_signum, _frame):
    raise TimeLimit()


def sympy_case(case):
    symbols = {n: sp.Symbol(n, real=True) for n in names_of(case['expr']) | {case['wrt']}}
    try:
        expr = parse_expr(case['expr'], local_dict={**FUNCTIONS, **symbols}, transformations=TRANSFORMS)
    except Exception as err:  # noqa: BLE001 - any failure to read the input is recorded
        return {'handled': False, 'reason': f'parse: {type(err).__name__}: {err}'}
    signal.alarm(TIME_LIMIT)
    try:
        result = sp.diff(expr, symbols[case['wrt']])
    except TimeLimit:
        return {'handled': False, 'reason': f'time: over {TIME_LIMIT} s'}
    except Exception as err:  # noqa: BLE001
        return {'handled': False, 'reason': f'diff: {type(err).__name__}: {err}'}
    finally:
        signal.alarm(0)
    if result.has(sp.Derivative, sp.Subs):
        return {'handled': False, 'reason': 'unevaluated Derivative', 'result': to_mathjs(result)}
    if result.has(sp.nan, sp.zoo, sp.I):
        return {'handled': False, 'reason': 'not a real result', 'result': to_mathjs(result)}
    return {'handled': True, 'result': to_mathjs(result)}


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    with open(os.path.join(ROOT, 'test', 'corpus', 'peers.json'), encoding='utf8') as f:
        cases = json.load(f)['cases']
    out = {'sympy': sp.__version__, 'results': {c['id']: sympy_case(c) for c in cases}}
    handled = sum(r['handled'] for r in out['results'].values())
    path = os.path.join(ROOT, 'test', 'corpus', 'sympy.json')
    with open(path, 'w', encoding='utf8') as f:
        f.write('{\n"sympy": ' + json.dumps(out['sympy']) + ',\n"results": {\n')
        f.write(',\n'.join(f'{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}' for k, v in out['results'].items()))
        f.write('\n}\n}\n')
    print(f'SymPy {sp.__version__}: {handled} of {len(cases)} cases handled; written to {os.path.relpath(path, ROOT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
