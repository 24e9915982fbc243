/**
 * A proven result as a function in TypeScript, JavaScript or Python: the free inputs in,
 * `{ loss, grad }` out (a tuple `(loss, grad)` in Python), the named intermediates computed
 * once as locals in the chain's order, and numerically stable forms where they exist.
 */
import type { Expr } from '../expr/node.js';
import type { Definition } from '../expr/context.js';
import type { FactorOrder } from '../expr/display.js';
import { GradproofError } from '../expr/errors.js';
import { type FunctionDefs, openCall } from '../expr/functions.js';
import { mapBottomUp, substitute } from '../expr/traverse.js';
import { cancelQuotients, distributeSigns, STABLE_FORMS, type StableForm, stabilise } from './stable.js';
import { firstDisagreement } from './witness.js';
import { type Local, fresh, planLocals } from './locals.js';
import { printCode, type PrintContext } from './expression.js';
import { type CodeTarget, type Helper, NATIVE_FUNCTIONS, syntaxOf } from './targets.js';

/** What a generated function computes: a loss through named intermediates, and its gradients. */
export interface CodeModel {
  readonly lossName: string;
  /** The intermediates, in dependency order (the loss's own definition not among them). */
  readonly definitions: readonly Definition[];
  /** The loss's expression. */
  readonly loss: Expr;
  /** Proven gradients, each in the user's names, with the chain's order of its factors. */
  readonly gradients: ReadonlyArray<{ readonly wrt: string; readonly result: Expr; readonly order?: FactorOrder }>;
  /** The free inputs of the loss: the function's parameters. */
  readonly inputs: readonly string[];
  /** What the code is: lines of the comment at its top. */
  readonly header: readonly string[];
  /** Definitions of functions that the target has no spelling for (`bce`, `swish`). */
  readonly functions: FunctionDefs;
}

/** The source text of the generated module. */
export function emitProgram(model: CodeModel, target: CodeTarget): string {
  const { definitions, loss, gradients, used } = stableForms(model);
  const syntax = syntaxOf(target);
  const idents = new Map<string, string>();
  const taken = new Set<string>(syntax.reserved);
  const userNames = [...model.inputs, ...definitions.map((d) => d.name)];
  userNames.forEach((n) => taken.add(n));
  for (const n of userNames) idents.set(n, syntax.reserved.has(n) ? fresh(`${n}_`, taken) : n);
  const plan = planLocals(definitions, [loss, ...gradients.map((g) => g.expr)], taken);
  const cx: PrintContext = { syntax, ident: (n) => idents.get(n) ?? n, helpers: new Set<Helper>() };
  const locals = plan.locals.map((l: Local) => ({ name: cx.ident(l.name), text: printCode(l.expr, cx) }));
  const [lossOut, ...gradOuts] = plan.outputs;
  const lossText = printCode(lossOut!, cx);
  // Ranks of factors are keyed by the rewritten factors, before shared calls got their locals.
  const sharedBodies = new Map(plan.locals.filter((l) => l.kind === 'shared').map((l) => [l.name, l.expr]));
  const unshare = (e: Expr): Expr => {
    for (let prev = undefined as Expr | undefined; prev !== e; ) [prev, e] = [e, substitute(e, sharedBodies)];
    return e;
  };
  const rankOf = (out: Expr, order: FactorOrder | undefined): FactorOrder | undefined =>
    order && out.kind === 'mul' ? new Map(out.args.map((f) => [f, order.get(unshare(f)) ?? Infinity])) : undefined;
  const grads = gradients.map((g, i) => ({ key: g.wrt, text: printCode(gradOuts[i]!, cx, rankOf(gradOuts[i]!, g.order)) }));
  const usedInputs = model.inputs.filter((n) => plan.locals.some((l) => mentions(l.expr, n)) || plan.outputs.some((e) => mentions(e, n)));

  const comment = model.header.map((l) => `${syntax.comment} ${l}`.trimEnd());
  if (used.size) {
    comment.push(syntax.comment, `${syntax.comment} Numerically stable forms (identities; gradproof checks each rewrite at random points):`);
    for (const f of Object.keys(STABLE_FORMS) as StableForm[]) if (used.has(f)) comment.push(`${syntax.comment}   ${STABLE_FORMS[f]}`);
  }
  const helpers = [...cx.helpers].sort().map((h) => {
    const text = syntax.helpers[h];
    if (text === undefined) throw new RangeError(`no helper ${h} in ${target}`);
    return text;
  });
  const what = `The loss ${model.lossName} and its gradient${grads.length === 1 ? '' : 's'}: ${grads.map((g) => `∂${model.lossName}/∂${g.key}`).join(', ')}.`;
  const parts = { comment, helpers, locals, lossText, grads, what, inputs: model.inputs, usedInputs, ident: cx.ident };
  return target === 'python' ? python(parts) : javascript(parts, target === 'ts');
}

/**
 * The model's expressions with functions the target cannot spell opened, and in stable
 * forms; each rewrite is checked against the expression it replaces.
 */
function stableForms(model: CodeModel): {
  definitions: Local[];
  loss: Expr;
  gradients: Array<{ wrt: string; expr: Expr; order: FactorOrder | undefined }>;
  used: Set<StableForm>;
} {
  const open = (e: Expr): Expr => openNonNative(e, model.functions);
  const opened = model.definitions.map((d) => ({ name: d.name, expr: open(d.expr) }));
  const bodies = new Map(opened.map((d) => [d.name, d.expr]));
  const used = new Set<StableForm>();
  const stable = (e: Expr): Expr => distributeSigns(stabilise(e, (n) => bodies.get(n), used));
  const pairs: Array<readonly [Expr, Expr]> = [];
  const rewrite = (e: Expr): Expr => {
    const after = stable(e);
    pairs.push([e, after]);
    return after;
  };
  const definitions = opened.map((d) => ({ name: d.name, expr: rewrite(d.expr), kind: 'definition' as const }));
  const loss = rewrite(open(model.loss));
  // A result written in the loss's own name (`2*L*exp(b)/(…)`) gets the loss's expression
  // there: the generated code names the loss `loss`, never `L`.
  const lossByName = new Map([[model.lossName, model.loss]]);
  const gradients = model.gradients.map((g) => {
    const opened = open(substitute(g.result, lossByName));
    // A factor that a quotient inside divides by cancels there (∂L/∂a · a·(1 - a) with ∂L/∂a over a).
    const result = cancelQuotients(opened);
    // Factors keep their place in the chain's order through the rewrite.
    const order = g.order && result.kind === 'mul' ? new Map(result.args.map((f) => [stable(f), g.order!.get(f) ?? Infinity])) : undefined;
    const expr = stable(result);
    pairs.push([opened, expr]);
    return { wrt: g.wrt, expr, order };
  });
  const wrong = firstDisagreement(pairs, opened, model.inputs);
  if (wrong) throw new GradproofError('internal', `code generation: ${wrong}`);
  return { definitions, loss, gradients, used };
}

interface Parts {
  readonly comment: readonly string[];
  readonly helpers: readonly string[];
  readonly locals: ReadonlyArray<{ readonly name: string; readonly text: string }>;
  readonly lossText: string;
  readonly grads: ReadonlyArray<{ readonly key: string; readonly text: string }>;
  readonly what: string;
  readonly inputs: readonly string[];
  readonly usedInputs: readonly string[];
  readonly ident: (name: string) => string;
}

function javascript(p: Parts, typed: boolean): string {
  const field = (n: string): string => (p.ident(n) === n ? n : `${n}: ${p.ident(n)}`);
  const inputType = `{ ${p.inputs.map((n) => `${n}: number`).join('; ')} }`;
  const gradType = `{ ${p.grads.map((g) => `${g.key}: number`).join('; ')} }`;
  const signature = typed
    ? `export function lossAndGrad(input: ${inputType}): { loss: number; grad: ${gradType} } {`
    : `export function lossAndGrad(input) {`;
  const doc = typed
    ? [`/** ${p.what} */`]
    : ['/**', ` * ${p.what}`, ` * @param {${inputType.replace(/;/g, ',')}} input`, ` * @returns {{ loss: number, grad: ${gradType.replace(/;/g, ',')} }}`, ' */'];
  const body = [
    ...(p.usedInputs.length ? [`  const { ${p.usedInputs.map(field).join(', ')} } = input;`] : []),
    ...p.locals.map((l) => `  const ${l.name} = ${l.text};`),
    `  const loss = ${p.lossText};`,
    '  const grad = {',
    ...p.grads.map((g) => `    ${g.key}: ${g.text},`),
    '  };',
    '  return { loss, grad };',
  ];
  return [...p.comment, '', ...p.helpers.flatMap((h) => [h, '']), ...doc, signature, ...body, '}', ''].join('\n');
}

function python(p: Parts): string {
  // Keyword-only (`*,`): a call names every input, so `loss_and_grad(z=…, y=…)` cannot swap two of them.
  const params = p.inputs.length ? `*, ${p.inputs.map((n) => p.ident(n)).join(', ')}` : '';
  const keys = p.grads.map((g) => `"${g.key}": ∂${g.key}`).join(', ');
  const body = [
    `    """${p.what.replace(/∂/g, 'd')} Returns (loss, {${keys.replace(/∂/g, 'dL/d')}})."""`,
    ...p.locals.map((l) => `    ${l.name} = ${l.text}`),
    `    loss = ${p.lossText}`,
    '    grad = {',
    ...p.grads.map((g) => `        "${g.key}": ${g.text},`),
    '    }',
    '    return loss, grad',
  ];
  return [...p.comment, '', 'import math', '', '', ...p.helpers.flatMap((h) => [h, '', '']), `def loss_and_grad(${params}):`, ...body, ''].join('\n');
}

/** Calls the target cannot spell opened through their definitions, until none is left. */
function openNonNative(e: Expr, functions: FunctionDefs): Expr {
  let cur = e;
  for (let round = 0; round < 32; round++) {
    let changed = false;
    cur = mapBottomUp(cur, (n) => {
      // A list of classes is an argument of the call that holds it (cce([y1, y2], [a1, a2])),
      // opened with it; bottom-up, it is seen first and waits for its parent.
      if (n.kind !== 'call' || NATIVE_FUNCTIONS.has(n.fn) || n.fn === 'list') return n;
      const opened = n.fn === 'diff' ? undefined : openCall(n, functions);
      if (!opened) throw new GradproofError('unknown-function', `code generation: no numeric form for ${n.fn}(…) (it is not a built-in function and has no definition)`);
      changed = true;
      return opened;
    });
    if (!changed) {
      if (mentionsCall(cur, 'list')) throw new GradproofError('unknown-function', 'code generation: a list of classes outside a loss that takes one');
      return cur;
    }
  }
  throw new GradproofError('limit', 'code generation: function definitions open into each other without end');
}

const mentionsCall = (e: Expr, fn: string): boolean => (e.kind === 'call' && e.fn === fn) || e.args.some((a) => mentionsCall(a, fn));

const mentions = (e: Expr, name: string): boolean => (e.kind === 'sym' && e.name === name) || e.args.some((a) => mentions(a, name));
