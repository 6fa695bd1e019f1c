/**
 * Scroll sync: for every paragraph of one pane, the paragraph of another
 * pane to keep in view, from the alignment's beads. A paragraph without a
 * counterpart (boilerplate one version lacks) maps to the counterpart of the
 * nearest aligned paragraph before it (or after it, at the very start).
 */
export interface BeadLike {
  a: readonly number[];
  b: readonly number[];
}

/** `map[i]` = paragraph of B for paragraph i of A (−1 when B has no paragraphs). */
export function paragraphMap(beads: readonly BeadLike[], paragraphsInA: number): Int32Array {
  const map = new Int32Array(paragraphsInA).fill(-1);
  for (const bead of beads) for (const i of bead.a) if (i < paragraphsInA && bead.b.length) map[i] = bead.b[0]!;
  let last = -1;
  for (let i = 0; i < paragraphsInA; i++) {
    if (map[i]! >= 0) last = map[i]!;
    else map[i] = last;
  }
  // Leading paragraphs with nothing before them: the first counterpart after them.
  const first = map.find((x) => x >= 0) ?? -1;
  for (let i = 0; i < paragraphsInA && map[i]! < 0; i++) map[i] = first;
  return map;
}

/** The same beads seen from B's side. */
export function reverseBeads<B extends BeadLike>(beads: readonly B[]): BeadLike[] {
  return beads.map((bead) => ({ a: bead.b, b: bead.a }));
}
