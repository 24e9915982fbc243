// Distinct problems for the memory benchmark and test: textbook gradients with their names
// and constants varied by a number i, so that no two share the nodes their derivation makes
// (problem i and problem j differ in every name and in their constants).

/** A constant that varies with the problem (its tag ends in its number). */
const c = (tag) => (Number(tag.replace(/^m/, '')) % 7) + 2;
const KINDS = [
  // The seed, formula 8-13: binary cross-entropy on a sigmoid output.
  (i) => ({ let: { [`a${i}`]: `sigmoid(z${i})` }, loss: `-(y${i}*log(a${i}) + (1 - y${i})*log(1 - a${i}))`, wrt: `z${i}`, expect: `a${i} - y${i}` }),
  // Squared error on a sigmoid output, scaled.
  (i) => ({ let: { [`s${i}`]: `sigmoid(u${i})` }, loss: `${c(i)}*(s${i} - t${i})^2`, wrt: `u${i}`, expect: `${2 * c(i)}*(s${i} - t${i})*s${i}*(1 - s${i})` }),
  // Squared error on a tanh output.
  (i) => ({ let: { [`h${i}`]: `tanh(v${i})` }, loss: `(h${i} - y${i})^2/${c(i)}`, wrt: `v${i}`, expect: `2/${c(i)}*(h${i} - y${i})*(1 - h${i}^2)` }),
  // Two layers: a weight of the first.
  (i) => ({
    let: [`q${i} = w${i}*x${i} + b${i}`, `r${i} = sigmoid(q${i})`, `p${i} = k${i}*r${i} + ${c(i)}`, `o${i} = sigmoid(p${i})`],
    loss: `-(y${i}*log(o${i}) + (1 - y${i})*log(1 - o${i}))`,
    wrt: `w${i}`,
  }),
  // Poisson negative log-likelihood with an exponential link.
  (i) => ({ loss: `exp(e${i}) - ${c(i)}*n${i}*e${i}`, wrt: `e${i}`, expect: `exp(e${i}) - ${c(i)}*n${i}` }),
];

/** Problem i (negative i for warm-up problems that share nothing with the measured ones). */
export function distinctProblem(i) {
  const k = ((i % KINDS.length) + KINDS.length) % KINDS.length;
  const tag = i < 0 ? `m${-i}` : String(i);
  return KINDS[k](tag);
}
