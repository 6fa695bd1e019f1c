/**
 * The status line above a searchable list: how many it shows and why —
 * matches of a search (the first `limit` when there may be more), or the
 * most recently changed when nothing is searched.
 */
export function listSummary(
  shown: number,
  limit: number,
  searched: boolean,
  none: { matching: string; empty: string },
): string {
  if (shown === 0) return searched ? none.matching : none.empty;
  if (!searched) return `The ${shown} most recently changed`;
  return `${shown === limit ? `The first ${limit}` : shown} matching`;
}
