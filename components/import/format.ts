/** Small display helpers of the import page (no Node APIs: this runs in the browser). */

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
