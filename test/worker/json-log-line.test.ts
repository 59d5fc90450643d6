import { jsonLogLine } from '../../worker/json-log-line';

const at = 1_767_225_600_123_456_789n; // 2026-01-01T00:00:00.123Z, in nanoseconds

describe('jsonLogLine', () => {
  it("writes pino's shape: numeric level, time in ms, pid, hostname, msg, then the SDK's metadata", () => {
    const line = jsonLogLine(
      {
        level: 'INFO',
        message: 'email sent',
        timestampNanos: at,
        meta: { sdkComponent: 'activity', workflowId: 'request/2026/SRE', workflowType: 'institutionRequest', activityType: 'sendRequestEmail', taskToken: 'CiQw…', kind: 'REQUEST' },
      },
      { pid: 42, host: 'h' },
    );
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      level: 30,
      time: 1_767_225_600_123,
      pid: 42,
      hostname: 'h',
      msg: 'email sent',
      sdkComponent: 'activity',
      workflowId: 'request/2026/SRE',
      workflowType: 'institutionRequest',
      activityType: 'sendRequestEmail',
      kind: 'REQUEST',
    });
  });

  it('maps every level, and metadata never overrides the fixed fields', () => {
    const levels = (['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const).map((level) => JSON.parse(jsonLogLine({ level, message: 'm', timestampNanos: at })).level);
    expect(levels).toEqual([10, 20, 30, 40, 50]);
    expect(JSON.parse(jsonLogLine({ level: 'WARN', message: 'real', timestampNanos: at, meta: { level: 'x', msg: 'fake', time: 0 } }))).toMatchObject({ level: 40, msg: 'real', time: 1_767_225_600_123 });
  });

  it('writes errors with their cause, bigints as strings, and a repeated object once', () => {
    const cause = new RangeError('socket closed');
    const error = new Error('Activity failed', { cause });
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const parsed = JSON.parse(jsonLogLine({ level: 'WARN', message: 'Activity failed', timestampNanos: at, meta: { error, count: 12n, loop } }));
    expect(parsed.error).toMatchObject({ type: 'Error', message: 'Activity failed', stack: expect.stringContaining('json-log-line.test.ts'), cause: { type: 'RangeError', message: 'socket closed' } });
    expect(parsed.count).toBe('12');
    expect(parsed.loop).toEqual({ name: 'loop', self: '[Circular]' });
  });
});
