// "Did you mean": the known ids closest to an unknown one, by edit distance (typos) or by
// containment ("militia" → militia-threats).

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** Up to `max` known ids that look like `input`, closest first; empty when none is close. */
export function closestTopics(input: string, known: readonly string[], max = 3): string[] {
  const s = input.toLowerCase();
  const scored = known
    .map((id) => ({ id, d: s.length >= 3 && (id.includes(s) || s.includes(id)) ? 0.5 : distance(s, id) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.id.length / 3)));
  return scored
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
    .slice(0, max)
    .map((x) => x.id);
}
