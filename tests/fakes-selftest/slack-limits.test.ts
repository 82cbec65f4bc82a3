// Block Kit and message limits of the fake Slack, at each boundary (limit passes, limit + 1 fails),
// and the mrkdwn hazards of ../shared/fixtures/slack/mrkdwn_escaping.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSlackMessage, mrkdwnHazards, SLACK_LIMITS, validateBlocks } from '../fakes/slack-limits.ts';
import { HAS_SHARED, sharedPath } from '../helpers/shared.ts';

const mrkdwn = (text: string): object => ({ type: 'mrkdwn', text });
const plain = (text: string): object => ({ type: 'plain_text', text });
const divider = { type: 'divider' };
const button = (text: string): object => ({ type: 'button', text: plain(text), action_id: 'a' });

describe('validateBlocks', () => {
  it('accepts each limit exactly and rejects one more, with Slack-style json-pointers', () => {
    const cases: [string, (n: number) => object[], number, string][] = [
      [
        'blocks per message',
        (n) => Array.from({ length: n }, () => divider),
        SLACK_LIMITS.blocksPerMessage,
        'no more than 50 items allowed [json-pointer:/blocks]',
      ],
      [
        'section text',
        (n) => [{ type: 'section', text: mrkdwn('a'.repeat(n)) }],
        SLACK_LIMITS.sectionText,
        'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      ],
      [
        'section fields',
        (n) => [{ type: 'section', fields: Array.from({ length: n }, () => mrkdwn('f')) }],
        SLACK_LIMITS.sectionFields,
        'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
      ],
      [
        'field text',
        (n) => [{ type: 'section', fields: [mrkdwn('b'.repeat(n))] }],
        SLACK_LIMITS.sectionFieldText,
        'must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
      ],
      [
        'header text',
        (n) => [{ type: 'header', text: plain('h'.repeat(n)) }],
        SLACK_LIMITS.headerText,
        'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
      ],
      [
        'context elements',
        (n) => [{ type: 'context', elements: Array.from({ length: n }, () => mrkdwn('c')) }],
        SLACK_LIMITS.contextElements,
        'no more than 10 items allowed [json-pointer:/blocks/0/elements]',
      ],
      [
        'actions elements',
        (n) => [{ type: 'actions', elements: Array.from({ length: n }, () => button('b')) }],
        SLACK_LIMITS.actionsElements,
        'no more than 25 items allowed [json-pointer:/blocks/0/elements]',
      ],
      [
        'button text',
        (n) => [{ type: 'actions', elements: [button('x'.repeat(n))] }],
        SLACK_LIMITS.buttonText,
        'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      ],
      [
        'block_id',
        (n) => [{ type: 'divider', block_id: 'i'.repeat(n) }],
        SLACK_LIMITS.blockId,
        'must be less than 256 characters [json-pointer:/blocks/0/block_id]',
      ],
    ];
    for (const [name, make, limit, error] of cases) {
      expect(validateBlocks(make(limit)), name).toEqual([]);
      expect(validateBlocks(make(limit + 1)), name).toEqual([error]);
    }
  });

  it('counts characters, not UTF-16 units: 3000 Arabic letters and emoji fit a section', () => {
    expect(validateBlocks([{ type: 'section', text: mrkdwn('😀'.repeat(3000)) }])).toEqual([]);
    expect(validateBlocks([{ type: 'section', text: mrkdwn('ع'.repeat(3001)) }])).toHaveLength(1);
  });

  it('rejects malformed blocks', () => {
    expect(validateBlocks([{ type: 'sectoin', text: mrkdwn('x') }])).toEqual(['must be a valid enum value [json-pointer:/blocks/0/type]']);
    expect(validateBlocks([{ type: 'section' }])).toEqual(['must provide either text or fields [json-pointer:/blocks/0]']);
    expect(validateBlocks([{ type: 'header', text: mrkdwn('x') }])).toEqual(['must be a valid enum value [json-pointer:/blocks/0/text/type]']);
    expect(validateBlocks([{ type: 'section', text: mrkdwn('') }])).toEqual(['must be more than 0 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }])).toEqual([
      'invalid additional property: emoji [json-pointer:/blocks/0/text]',
    ]);
    expect(validateBlocks([{ type: 'image', image_url: 'https://e.com/i.png' }])).toEqual(['missing required field: alt_text [json-pointer:/blocks/0]']);
    expect(
      validateBlocks([
        { ...divider, block_id: 'x' },
        { ...divider, block_id: 'x' },
      ]),
    ).toEqual(['duplicate block_id [json-pointer:/blocks/1/block_id]']);
    expect(validateBlocks([{ type: 'actions', elements: [] }])).toEqual(['must provide at least 1 item [json-pointer:/blocks/0/elements]']);
    expect(validateBlocks('not an array')).toEqual(['must provide an array [json-pointer:/blocks]']);
  });

  it('limits markdown blocks to 12,000 characters together', () => {
    const md = (n: number): object => ({ type: 'markdown', text: 'm'.repeat(n) });
    expect(validateBlocks([md(6000), md(6000)])).toEqual([]);
    expect(validateBlocks([md(6000), md(6001)])).toEqual(['markdown blocks must be less than 12001 characters in total [json-pointer:/blocks]']);
  });

  it('allows 100 blocks in a modal but not in a message', () => {
    const blocks = Array.from({ length: 100 }, () => divider);
    expect(validateBlocks(blocks, 'modal')).toEqual([]);
    expect(validateBlocks(blocks, 'message')).toHaveLength(1);
  });
});

describe('checkSlackMessage', () => {
  it('uses Slack error names', () => {
    expect(checkSlackMessage({})).toMatchObject({ ok: false, error: 'no_text' });
    expect(checkSlackMessage({ text: '  ' })).toMatchObject({ ok: false, error: 'no_text' });
    expect(checkSlackMessage({ text: 'x'.repeat(40_000) }).ok).toBe(true);
    expect(checkSlackMessage({ text: 'x'.repeat(40_001) })).toMatchObject({ ok: false, error: 'msg_too_long' });
    expect(checkSlackMessage({ text: 'x', blocks: '[{' })).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
    expect(checkSlackMessage({ text: 'x', blocks: '{"type":"divider"}' })).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
    expect(checkSlackMessage({ text: 'x', blocks: JSON.stringify([{ type: 'nope' }]) })).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(checkSlackMessage({ text: 'x', blocks: JSON.stringify([divider]) })).toMatchObject({ ok: true, blocks: [divider] });
  });

  it('flags blocks without fallback text; rejects them when asked to', () => {
    const blocks = [{ type: 'section', text: mrkdwn('digest') }];
    expect(checkSlackMessage({ blocks })).toMatchObject({ ok: true, warnings: ['missing_text_fallback'] });
    expect(checkSlackMessage({ blocks }, { requireFallbackText: true })).toMatchObject({ ok: false, error: 'no_text' });
    expect(checkSlackMessage({ text: 'digest', blocks })).toMatchObject({ ok: true, warnings: [] });
  });

  it('reports unescaped special mentions and spoofed links in text', () => {
    expect(checkSlackMessage({ text: '<!channel> news' }).warnings).toEqual(['text: special mention <!channel>']);
    expect(mrkdwnHazards('<https://evil.example|https://bank.example>')).toEqual(['link label https://bank.example hides https://evil.example']);
    expect(mrkdwnHazards('<https://example.com/a|Read the story>')).toEqual([]);
    expect(mrkdwnHazards('&lt;!here&gt; safe')).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED)('against ../shared/fixtures/slack/mrkdwn_escaping.json', () => {
  it('finds hazards in raw inputs with control sequences and none in their escaped forms', () => {
    const spec = JSON.parse(readFileSync(sharedPath('fixtures/slack/mrkdwn_escaping.json'), 'utf8')) as {
      test_cases: { input: string; expected_mrkdwn: string }[];
    };
    for (const c of spec.test_cases) {
      expect(mrkdwnHazards(c.expected_mrkdwn), c.expected_mrkdwn).toEqual([]);
      if (/<[!@]/.test(c.input) || /\|https?:/.test(c.input)) expect(mrkdwnHazards(c.input).length, c.input).toBeGreaterThan(0);
    }
  });
});
