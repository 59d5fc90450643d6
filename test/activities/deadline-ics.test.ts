import { deadlineIcs } from '../../activities/deadline-ics';

const deadlineAt = '2027-01-30T05:59:59.999Z';
const link = 'http://localhost:3000/respond/2026/SEMAR?token=abc.def';

describe('deadlineIcs', () => {
  it('is a valid calendar event at the deadline with a stable UID, folded at 75 octets', () => {
    const ics = deadlineIcs({
      uid: 'request-2026-SEMAR@nap1325.test',
      deadlineAt,
      summary: 'Fecha límite PNA-1325 2026 (SEMAR)',
      description: `Responda aquí: ${link}, con todos los datos; gracias`,
      url: link,
      sequence: 3,
      now: new Date('2026-12-01T10:00:00Z'),
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTEND:20270130T055959Z');
    expect(ics).toContain('UID:request-2026-SEMAR@nap1325.test');
    expect(ics).toContain('SEQUENCE:3');
    expect(ics).toContain('\\, con todos los datos\\; gracias');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
