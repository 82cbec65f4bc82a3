import { describe, expect, it } from 'vitest';
import { intervalToCron, lastSlotAtOrBefore, nextSlot } from '../../src/schedule/slots.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron slots', () => {
  it("finds the latest slot at or before a time, in the schedule's time zone", () => {
    const now = Date.parse('2026-03-10T10:30:12.500Z');
    // 08:00 in Baghdad (UTC+3) is 05:00 UTC.
    expect(iso(lastSlotAtOrBefore('0 8 * * *', 'Asia/Baghdad', now))).toBe('2026-03-10T05:00:00.000Z');
    expect(iso(nextSlot('0 8 * * *', 'Asia/Baghdad', now))).toBe('2026-03-11T05:00:00.000Z');
    expect(iso(lastSlotAtOrBefore('0 8 * * *', 'Asia/Baghdad', Date.parse('2026-03-10T04:59:59Z')))).toBe('2026-03-09T05:00:00.000Z');
    expect(iso(lastSlotAtOrBefore('*/5 * * * * *', 'UTC', now))).toBe('2026-03-10T10:30:10.000Z');
    expect(iso(lastSlotAtOrBefore('0 0 1 1 *', 'UTC', now))).toBe('2026-01-01T00:00:00.000Z');
    // A slot exactly at the time counts.
    expect(iso(lastSlotAtOrBefore('30 10 * * *', 'UTC', Date.parse('2026-03-10T10:30:00Z')))).toBe('2026-03-10T10:30:00.000Z');
  });

  it('follows daylight saving time where the zone has it', () => {
    // New York moves from UTC−5 to UTC−4 on 2026-03-08.
    expect(iso(lastSlotAtOrBefore('0 8 * * *', 'America/New_York', Date.parse('2026-03-07T20:00:00Z')))).toBe('2026-03-07T13:00:00.000Z');
    expect(iso(lastSlotAtOrBefore('0 8 * * *', 'America/New_York', Date.parse('2026-03-09T20:00:00Z')))).toBe('2026-03-09T12:00:00.000Z');
  });

  it('turns feed intervals into cron steps that divide the minute, hour or day', () => {
    expect(intervalToCron(1_000)).toBe('*/1 * * * * *');
    expect(intervalToCron(7_000)).toBe('*/6 * * * * *');
    expect(intervalToCron(90_000)).toBe('0 */1 * * * *');
    expect(intervalToCron(300_000)).toBe('0 */5 * * * *');
    expect(intervalToCron(7 * 60_000)).toBe('0 */6 * * * *');
    expect(intervalToCron(5 * 3_600_000)).toBe('0 0 */4 * * *');
    expect(intervalToCron(2 * 86_400_000)).toBe('0 0 0 * * *');
  });
});
