/**
 * Bad input: exit 2, a message on stderr (with file:line:col and a caret line where the
 * input has a position), nothing on stdout, and never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { SIGMOID, expectBadInput, gradproof } from './run.js';

const F = 'test/cli/fixtures';

describe('errors with a position: the exact message, the source line and a caret', () => {
  it.each([
    [
      'a syntax error in an inline expression',
      ['derive', 'y*log(a2 +', '--let', SIGMOID, '--wrt', 'z2'],
      ['loss:1:11: error: unexpected end of input', '  y*log(a2 +', '            ^'],
    ],
    [
      'an unmatched parenthesis',
      ['derive', 'log(x))', '--wrt', 'x'],
      ["loss:1:7: error: unmatched ')'", '  log(x))', '        ^'],
    ],
    [
      'a syntax error in --expect',
      ['derive', 'x^2', '--wrt', 'x', '--expect', '2*x +'],
      ['--expect:1:6: error: unexpected end of input', '  2*x +', '       ^'],
    ],
    [
      'a syntax error in --assume',
      ['derive', 'x^2', '--wrt', 'x', '--assume', 'x >'],
      ['--assume:1:4: error: unexpected end of input', '  x >', '     ^'],
    ],
    [
      'a syntax error in a problem file (file:line:col)',
      ['derive', `${F}/syntax-error.grad`],
      [`${F}/syntax-error.grad:3:26: error: unexpected '*'`, '  loss   L = -(y*log(a2) + * (1 - y)*log(1 - a2))', '                           ^'],
    ],
    [
      'an unknown function, with a suggestion',
      ['derive', 'sigmoud(z)', '--wrt', 'z'],
      ["loss:1:1: error: unknown function 'sigmoud'; did you mean 'sigmoid'?", '  sigmoud(z)', '  ^'],
    ],
    [
      'an unknown function in a problem file',
      ['derive', `${F}/unknown-function.grad`],
      [`${F}/unknown-function.grad:1:12: error: unknown function 'sigmoud'; did you mean 'sigmoid'?`, '  let    a = sigmoud(z)', '             ^'],
    ],
    [
      'an empty expression (blank)',
      ['derive', '   ', '--wrt', 'z'],
      ['loss:1:1: error: empty expression', '     ', '  ^'],
    ],
  ])('%s', (_, args, expected) => {
    expect(expectBadInput(gradproof(...args))).toEqual([...expected, '']);
  });
});

describe('errors without a position: the exact first line', () => {
  it.each([
    ['a missing file', ['derive', `${F}/no-such-file.grad`], `error: cannot read ${F}/no-such-file.grad: no such file`],
    ['an unknown format', ['derive', 'examples/bce-sigmoid.grad', '--format', 'xml'], "error: unknown format 'xml' (known: text, latex, md, json, html)"],
    ['an unknown language', ['derive', 'examples/bce-sigmoid.grad', '--lang', 'fr'], "error: unknown language 'fr' (known: en, zh)"],
    ['cyclic --let definitions', ['derive', 'a*b', '--let', 'a = b + 1', '--let', 'b = 2*a', '--wrt', 'x'], 'error: cyclic definitions: a -> b -> a'],
    ['a name defined twice', ['derive', 'a*x', '--let', 'a = x + 1', '--let', 'a = 2*x', '--wrt', 'x'], 'error: a is defined twice'],
    ['--wrt that is not one name', ['derive', 'x^2', '--wrt', 'x y'], "error: --wrt takes one variable name, not 'x y'"],
    ['an inline expression without --wrt', ['derive', 'x^2'], "error: an inline expression needs --wrt VAR or --all (or is 'x^2' a file that does not exist?)"],
    ['an unquoted expression with spaces', ['derive', 'x^2', '+', '1', '--wrt', 'x'], "error: unexpected argument '+' (quote an expression that has spaces)"],
    [
      '--let with a problem file',
      ['derive', 'examples/bce-sigmoid.grad', '--let', SIGMOID],
      'error: --wrt, --let, --expect and --assume go with an inline expression; a problem file states them itself',
    ],
  ])('%s', (_, args, first) => {
    expect(expectBadInput(gradproof(...args))[0]).toBe(first);
  });

  it('an unknown command, and the commands there are', () => {
    const [first] = expectBadInput(gradproof('derivee', 'x'));
    expect(first).toMatch(/^error: unknown command 'derivee' \(known: derive(, [a-z]+)*\)$/);
  });

  it('an unknown flag exits 2 and names the flag', () => {
    const [first] = expectBadInput(gradproof('derive', 'examples/bce-sigmoid.grad', '--frobnicate'));
    expect(first).toContain("'--frobnicate'");
  });
});

describe('errors that read well', () => {
  // Actual: "error: Unknown option '--frobnicate'. To specify a positional argument starting with
  // a '-', place it at the end of the command after '--', as in '-- "--frobnicate"" (node's own
  // parseArgs text: wrong advice for gradproof, which takes `-(...)` operands as they are).
  it('an unknown flag: a short message of our own', () => {
    expect(expectBadInput(gradproof('derive', 'examples/bce-sigmoid.grad', '--frobnicate'))[0]).toBe("error: unknown option '--frobnicate' (see gradproof --help)");
  });

  // Actual: "error: derive needs a problem file or an expression" and the whole usage.
  it('an empty expression ""', () => {
    expect(expectBadInput(gradproof('derive', '', '--wrt', 'z'))).toEqual(['loss:1:1: error: empty expression', '  ', '  ^', '']);
  });

  // Actual: "error: a is defined twice", no position.
  it('a name defined twice in a problem file points at the second definition', () => {
    expect(expectBadInput(gradproof('derive', `${F}/duplicate.grad`))).toEqual([
      `${F}/duplicate.grad:2:8: error: a is defined twice`,
      '  let    a = 2*x',
      '         ^',
      '',
    ]);
  });

  // Actual: "error: cyclic definitions: a -> b -> a", no position.
  it('cyclic definitions in a problem file point at a definition in the cycle', () => {
    const [first, , caret] = expectBadInput(gradproof('derive', `${F}/cyclic.grad`));
    expect(first).toMatch(new RegExp(`^${F}/cyclic\\.grad:[12]:\\d+: error: cyclic definitions: a -> b -> a$`));
    expect(caret).toMatch(/^ +\^$/);
  });

  // Actual: "error: an inline expression needs --wrt VAR (or is 'examples' a file that does not exist?)".
  it('a directory', () => {
    expect(expectBadInput(gradproof('derive', 'examples'))[0]).toBe('error: cannot read examples: it is a directory');
  });

  // Actual: "error: cannot write /nonexistent-gradproof-dir/out.txt: ENOENT" (a raw errno code).
  it('-o into a directory that does not exist: said in words', () => {
    const [first] = expectBadInput(gradproof('derive', 'examples/bce-sigmoid.grad', '-o', '/nonexistent-gradproof-dir/out.txt'));
    expect(first).toMatch(/^error: cannot write \/nonexistent-gradproof-dir\/out\.txt: [a-z][a-z ]+$/);
  });
});
