// A demand that US forces leave is not a withdrawal, whatever verb the demand takes (the labelling
// guide: only an actual development is withdrawal news). Our own wording.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: "calls on US troops to leave" is a demand', () => {
  it('EN: a cleric calling on US troops to leave is not withdrawal news', () => {
    const text = 'A prominent Shiite cleric on Friday called on American troops to leave the country and urged his followers to rally in Baghdad.';
    expect(topicsOf('Cleric calls on US troops to leave Iraq', text)).not.toContain('withdrawal');
  });

  it('guard: US troops leaving a base is still withdrawal news', () => {
    const text = 'The last US troops left the base in western Iraq on Friday and handed it to the Iraqi army, the coalition said.';
    expect(topicsOf('US troops leave base in western Iraq', text)).toContain('withdrawal');
  });
});
