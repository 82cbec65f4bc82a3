// Which crash-test items are follow-ups: every fourth item joins the story of the item before it
// (item-004 joins item-003's story), so that a share of what must never be lost are follow-ups.
export const itemId = (n: number): string => `item-${String(n).padStart(3, '0')}`;
const numberOf = (id: string): number => Number(id.slice('item-'.length));

export function isFollowUpItem(id: string): boolean {
  return numberOf(id) % 4 === 0;
}

export function storyOfItem(id: string): string {
  const n = numberOf(id);
  return `s-${itemId(n % 4 === 0 ? n - 1 : n)}`;
}

/** The (alert, follow-up) item pairs among the first `items`. */
export function followUpPairs(items: number): [string, string][] {
  const out: [string, string][] = [];
  for (let n = 4; n <= items; n += 4) out.push([itemId(n - 1), itemId(n)]);
  return out;
}

/**
 * The items a message delivers. A follow-up that cannot reply to its alert names the story by the
 * alert's headline ("Follow-up to: …"), which carries the alert's item id: that line names an
 * item, it does not deliver it. Counted, it showed as the alert's item inside two messages (all
 * 25 such "duplicates" of one chat in a 500-item stress run were this line).
 */
export function itemsIn(text: string): string[] {
  const delivered = text
    .split('\n')
    .filter((l) => !l.startsWith('Follow-up to: '))
    .join('\n');
  return [...delivered.matchAll(/\[(item-\d+)\]/g)].map((m) => m[1]!);
}
