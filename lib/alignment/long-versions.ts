/**
 * Two long synthetic versions of one text, for the alignment's tests and
 * benchmark: paragraph lengths of A, and of B as a translation that is about
 * 0.6 times as long, splits some paragraphs in two, drops a few, inserts
 * blocks of short boilerplate now and then, and lacks A's header and footer.
 * `truth` is the alignment that produced B.
 */
export function longVersions(paragraphs: number, seed = 7) {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const a: number[] = [];
  const b: number[] = [];
  const truth: string[] = [];
  const leftOut = (side: "a" | "b", length: number) => {
    (side === "a" ? a : b).push(length);
    truth.push(side === "a" ? `${a.length - 1}:-` : `-:${b.length - 1}`);
  };
  for (let k = 0; k < 5; k++) leftOut("a", 20 + Math.floor(rand() * 40));
  for (let i = 0; i < paragraphs; i++) {
    const length = 80 + Math.floor(rand() * 700);
    a.push(length);
    const r = rand();
    const translated = Math.round(length * 0.62 * (0.85 + rand() * 0.3));
    if (r < 0.04) {
      const half = Math.round(translated / 2);
      b.push(half, translated - half);
      truth.push(`${a.length - 1}:${b.length - 2}+${b.length - 1}`);
    } else if (r < 0.05) {
      truth.push(`${a.length - 1}:-`);
    } else {
      b.push(translated);
      truth.push(`${a.length - 1}:${b.length - 1}`);
    }
    if (i % 300 === 150) for (let k = 0; k < 8; k++) leftOut("b", 30 + Math.floor(rand() * 60));
  }
  for (let k = 0; k < 12; k++) leftOut("a", 40 + Math.floor(rand() * 100));
  return { a, b, truth };
}
