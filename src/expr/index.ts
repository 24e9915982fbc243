/** The expression core: nodes, order, traversal, printing, evaluation, definitions. */
export * from './rational.js';
export * from './node.js';
export * from './order.js';
export * from './traverse.js';
export * from './display.js';
export * from './print.js';
export * from './eval.js';
export * from './context.js';
export * from './random.js';
export * from './errors.js';
export * from './numeric.js';
export * from './poly.js';
export * from './functions.js';
export * from './bounds.js';
