// Announcements (a troop cut, the end of a mission, a base handed over) reported in Arabic and in
// English: the reports share no words, so the signature must read the same facts from both — the
// number of troops however it is written, the kind of happening however it is worded. Each case
// has a near miss beside it that must stay apart. All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import { extractSignature } from '../../src/stories/signature.ts';

const counts = (title: string) => extractSignature({ title, text: '', publishedMs: 0 }).counts;

describe('counts written in words or with digit groups', () => {
  it('reads «ثلاثة آلاف جندي», "three thousand troops" and "3,000 troops" as the same 3,000', () => {
    expect(counts('واشنطن تبقي ثلاثة آلاف جندي في البلاد')).toEqual({ troops: [3000] });
    expect(counts('Washington to keep three thousand troops in the country')).toEqual({ troops: [3000] });
    expect(counts('Washington to keep 3,000 troops in the country')).toEqual({ troops: [3000] });
    expect(counts('خفض القوات من 5,200 إلى 3 آلاف جندي')).toEqual({ troops: [5200, 3000] });
  });

  it('keeps a date, a time and a list of small numbers apart from digit groups', () => {
    expect(counts('On 20.12.2020 two soldiers were killed')).toEqual({ killed: [2] });
    expect(counts('At 10:30 four rockets fell on the base')).toEqual({ rockets: [4] });
    expect(counts('Two rockets, 300 metres from the gate')).toEqual({ rockets: [2] });
  });
});
