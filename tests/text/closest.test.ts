import { describe, expect, it } from 'vitest';
import { closestTopics } from '../../src/text/closest.ts';

const KNOWN = ['withdrawal', 'militia-threats', 'us-strikes', 'iraq'];

describe('closestTopics', () => {
  it('suggests ids one or two edits away, and ids containing the word', () => {
    expect(closestTopics('irak', KNOWN)).toEqual(['iraq']);
    expect(closestTopics('us-strike', KNOWN)).toEqual(['us-strikes']);
    expect(closestTopics('militia', KNOWN)).toEqual(['militia-threats']);
  });
  it('suggests nothing for a word unlike every id, or too short to contain', () => {
    expect(closestTopics('football', KNOWN)).toEqual([]);
    expect(closestTopics('s', KNOWN)).toEqual([]);
  });
});
