/**
 * Adagrad on selected rows of a row-major parameter table, in place:
 *   acc += g^2;  param -= lr * g / (sqrt(acc) + eps)
 * `grad` holds one row per entry of `rows` (local row r updates table row rows[r]); without `rows`
 * the table is dense and `grad` matches it element for element. Rows not listed are never touched.
 */
export function adagradRows(
  param: Float32Array,
  acc: Float32Array,
  grad: Float32Array,
  rows: ArrayLike<number> | undefined,
  width: number,
  learningRate: number,
  epsilon: number,
): void {
  const count = rows ? rows.length : param.length / width
  for (let r = 0; r < count; r++) {
    const base = (rows ? rows[r] : r) * width
    for (let j = 0; j < width; j++) {
      const g = grad[r * width + j]
      const i = base + j
      const a = acc[i] + g * g
      acc[i] = a
      param[i] -= (learningRate * g) / (Math.sqrt(a) + epsilon)
    }
  }
}
