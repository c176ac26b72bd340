/**
 * Logistic regression by batch gradient descent (small L2 penalty): enough for the handful of
 * answerability features and the ~1,000 development queries it is fitted on.
 */
export function fitLogistic(
  rows: ReadonlyArray<{ x: readonly number[]; y: number }>,
  { iterations = 4000, rate = 0.5, l2 = 1e-3 } = {},
): { weights: number[]; samples: number } {
  const dims = (rows[0]?.x.length ?? 0) + 1;
  const weights = new Array<number>(dims).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(dims).fill(0);
    for (const { x, y } of rows) {
      const z = x.reduce((sum, v, i) => sum + v * (weights[i + 1] as number), weights[0] as number);
      const error = 1 / (1 + Math.exp(-z)) - y;
      gradient[0] = (gradient[0] as number) + error;
      x.forEach((v, i) => {
        gradient[i + 1] = (gradient[i + 1] as number) + error * v;
      });
    }
    for (let i = 0; i < dims; i++) {
      const penalty = i === 0 ? 0 : l2 * (weights[i] as number);
      weights[i] = (weights[i] as number) - rate * ((gradient[i] as number) / rows.length + penalty);
    }
  }
  return { weights, samples: rows.length };
}
