/**
 * The note a pause or resume leaves on a Temporal schedule fits Temporal's limit (1,000 bytes of UTF-8):
 * a note of the 2,000 characters the API takes was refused by Temporal and answered 500 (found by
 * `npm run fuzz`: `POST /api/schedules/yearly-cycle/pause` with a 2,000-character note).
 */
import { scheduleNote } from '../../api/commands/schedule-actions';

it('keeps a short note whole, with who wrote it', () => {
  expect(scheduleNote({ note: 'Plan en revisión', who: 'Ana' })).toBe('Plan en revisión (Ana)');
});

it('cuts a long note at a character to fit 1,000 bytes, whatever the characters', () => {
  for (const char of ['0', 'ñ', '€', '😀']) {
    const text = scheduleNote({ note: char.repeat(2_000), who: 'x'.repeat(200) });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_000 - 4);
    expect(text.endsWith(`… (${'x'.repeat(200)})`)).toBe(true);
    expect(text).not.toMatch(/\uFFFD/);
  }
});
