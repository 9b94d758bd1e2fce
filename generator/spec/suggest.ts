/** "Did you mean" suggestions for misspelt names, shared by every check that resolves a name. */

/** Edit distance, compared case-insensitively. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/**
 * Names longer than this are not compared by edit distance: no Mendix or AWS name comes near it, and
 * the comparison takes the product of the lengths. They are still matched by containment.
 */
const MAX_EDIT_DISTANCE_LENGTH = 256;

/**
 * The edit distance of `a` and `b` (as editDistance) when it is at most `limit`, else undefined
 * (also for names longer than MAX_EDIT_DISTANCE_LENGTH). Names come from user input: the distance is
 * at least the difference of the lengths, and the computation stops as soon as every entry of a row
 * exceeds the limit.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number | undefined {
  if (a.length > MAX_EDIT_DISTANCE_LENGTH || b.length > MAX_EDIT_DISTANCE_LENGTH) return undefined;
  if (Math.abs(a.length - b.length) > limit) return undefined;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
      rowMinimum = Math.min(rowMinimum, current[j] as number);
    }
    if (rowMinimum > limit) return undefined;
    previous = current;
  }
  const distance = previous[y.length] as number;
  return distance <= limit ? distance : undefined;
}

/**
 * Candidates close to `name`, best first: a case-insensitive equal name, then names within a small
 * edit distance, then names that contain it or that it contains (case-insensitive).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const query = name.toLowerCase();
  if (query === '') return [];
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of new Set(candidates)) {
    const lower = candidate.toLowerCase();
    const distance = editDistanceWithin(query, lower, limit);
    let score: number | undefined;
    if (distance !== undefined) score = distance;
    else if (query.length >= 3 && (lower.includes(query) || query.includes(lower))) score = limit + 1 + Math.abs(lower.length - query.length) / 100;
    if (score !== undefined) scored.push({ candidate, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
    .slice(0, max)
    .map((s) => s.candidate);
}

/** A hint sentence: `Did you mean "X"?`, or the fallback when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>, fallback: string): string {
  const close = closestNames(name, candidates);
  if (close.length === 0) return fallback;
  return `Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`;
}
