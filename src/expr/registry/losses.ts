/** Losses by name, each given by a `def` in rules/losses.rules or rules/piecewise.rules: the target first, then the prediction. */
import type { FunctionSpec } from './types.js';

const loss = (name: string, arity: FunctionSpec['arity'], en: string, zh: string): FunctionSpec => ({
  name,
  arity,
  latex: { form: { kind: 'named' } },
  names: { en, zh },
  meaning: 'rules',
});

export const LOSSES: readonly FunctionSpec[] = [
  loss('bce', 2, 'binary cross-entropy', '二元交叉熵'),
  loss('mse', 2, 'squared error', '平方误差'),
  loss('log_cosh', 2, 'log-cosh loss', 'log-cosh 损失'),
  loss('poisson_nll', 2, 'Poisson negative log-likelihood', '泊松负对数似然'),
  loss('gaussian_nll', 3, 'Gaussian negative log-likelihood', '高斯负对数似然'),
  loss('kl_bernoulli', 2, 'Bernoulli KL divergence', '伯努利 KL 散度'),
  loss('focal', 3, 'focal loss', 'focal 损失'),
  // Over families and their size, or over lists with the size left out.
  loss('cce', { min: 2, max: 3 }, 'categorical cross-entropy', '多类交叉熵'),
  // A class's probability: softmax([a, b, c], i), or softmax(z, i, K) over a family.
  loss('softmax', { min: 2, max: 3 }, 'softmax', 'softmax 函数'),
  loss('huber', 3, 'Huber loss', 'Huber 损失'),
  loss('hinge', 2, 'hinge loss', '合页损失'),
  loss('squared_hinge', 2, 'squared hinge loss', '平方合页损失'),
];
