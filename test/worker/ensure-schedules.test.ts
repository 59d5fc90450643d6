/**
 * The schedules on a real Temporal dev server (the time-skipping server has none): created at start-up
 * and updated by a second start, their next runs, the yearly kickoff opening `cycle/<year>` once, and the
 * secretariat's routes (pause, resume, trigger, backfill) with their refusals.
 */
import { DateTime } from 'luxon';
import { createActivities } from '../../activities';
import { addHoliday } from '../../api/commands/holidays';
import { createBusinessCalendar } from '../../domain/business-calendar';
import { AuditAction } from '../../domain/audit-actions';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import { DEFAULT_SCHEDULE_CONFIG } from '../../domain/schedule-config';
import { kickoffDeadline, yearlyKickoff } from '../../domain/yearly-kickoff';
import { ensureSchedules } from '../../worker/ensure-schedules';
import { planReviewKickoff } from '../../workflows';
import { eventually } from '../support/app-harness';
import { useHarness } from '../support/use-harness';

const harness = useHarness({}, async (h) => {
  h.startWorker();
  // Deterministic: the seeded plan starts without an adoption date.
  await h.prisma.plan.updateMany({ data: { adoptedOn: null } });
});

const ZONE = 'America/Mexico_City';
const nowMx = () => DateTime.now().setZone(ZONE);
/** The next 2 January 09:00 Mexico City (UTC-6 all year since 2022): when the yearly schedule fires next. */
const nextFiring = () => {
  const thisYear = DateTime.fromObject({ year: nowMx().year, month: 1, day: 2, hour: 9 }, { zone: ZONE });
  return (thisYear > nowMx() ? thisYear : thisYear.plus({ years: 1 })).toUTC().toISO()!;
};

async function call(method: string, path: string, body?: unknown) {
  const h = harness();
  const res = await fetch(`${h.baseUrl}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: text ? JSON.parse(text) : undefined };
}

const ensure = () => ensureSchedules({ client: harness().env.client, prisma: harness().prisma, taskQueue: harness().taskQueue, config: DEFAULT_SCHEDULE_CONFIG });
const audit = (action: string) => harness().prisma.auditEvent.findMany({ where: { action }, orderBy: { at: 'asc' } });

describe('start-up', () => {
  it('creates the schedules, then updates them (idempotent); no review schedule without an adoption date', async () => {
    const first = await ensure();
    expect(first.schedules).toEqual([{ id: 'yearly-cycle', kind: 'YEARLY_CYCLE', outcome: 'created' }]);
    expect(first.notices).toEqual([{ code: 'NO_ADOPTION_DATE', planKey: expect.any(String), version: 1 }]);
    const second = await ensure();
    expect(second.schedules).toEqual([{ id: 'yearly-cycle', kind: 'YEARLY_CYCLE', outcome: 'updated' }]);

    const described = await harness().env.client.schedule.getHandle('yearly-cycle').describe();
    expect(described.spec.timezone).toBe(ZONE);
    expect(described.spec.calendars).toEqual([expect.objectContaining({ month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }], dayOfMonth: [{ start: 2, end: 2, step: 1 }], hour: [{ start: 9, end: 9, step: 1 }] })]);
    expect(described.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 30 * 86_400_000 });
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'yearlyCycleKickoff', workflowId: 'kickoff/cycle', args: [{ businessDay: 2, time: '09:00', deadlineBusinessDays: 20 }] });
    expect(described.info.nextActionTimes[0].toISOString()).toBe(nextFiring());
    expect(described.info.nextActionTimes[1].toISOString()).toBe(DateTime.fromISO(nextFiring()).plus({ years: 1 }).toUTC().toISO());
  });

  it("the kickoff of the next firing opens on January's 2nd business day at 09:00, the secretariat's holidays counted", async () => {
    const h = harness();
    const firing = nextFiring();
    const plain = yearlyKickoff({ scheduledAt: firing, calendar: createBusinessCalendar() });
    // The secretariat declares the 1st business day a holiday: the 2nd moves one business day later.
    const first = createBusinessCalendar().addBusinessDays(`${plain.year}-12-31`, 1);
    await addHoliday({ prisma: h.prisma, holiday: { date: first, nameEs: 'Puente', nameEn: 'Bridge', createdBy: 'test' } });
    const planned = await createActivities(h.deps).planYearlyKickoff({ input: { businessDay: 2, time: '09:00', deadlineBusinessDays: 20 }, scheduledAt: firing });
    const withBridge = createBusinessCalendar({ extraHolidays: [first] });
    expect(planned).toEqual({ year: plain.year, date: withBridge.addBusinessDays(first, 2), at: withBridge.instantAt(withBridge.addBusinessDays(first, 2), '09:00'), scheduledAt: firing });
    expect(planned.date > plain.date).toBe(true);
    await h.prisma.holiday.deleteMany({ where: { date: new Date(`${first}T00:00:00Z`) } });
  });
});

describe('the yearly cycle', () => {
  const year = nowMx().year - 1;

  it('GET /api/schedules: the spec in words, next runs in Mexico City time, the notice about the adoption date', async () => {
    const list = await call('GET', '/api/schedules?lang=es-MX');
    expect(list.status).toBe(200);
    expect(list.json.schedules).toHaveLength(1);
    const yearly = list.json.schedules[0];
    expect(yearly).toMatchObject({ id: 'yearly-cycle', kind: 'YEARLY_CYCLE', paused: false, timezone: ZONE, workflowType: 'yearlyCycleKickoff' });
    expect(yearly.specText).toMatch(/2 de enero a las 09:00.*2\.º día hábil de enero.*20 días hábiles/);
    expect(yearly.nextRuns[0]).toEqual({ at: nextFiring(), local: expect.stringMatching(/2 de enero de \d{4}, 09:00$/) });
    expect(list.json.notices).toEqual([expect.objectContaining({ code: 'NO_ADOPTION_DATE', scheduleId: expect.stringMatching(/^plan-review\/.+\/v1$/), message: expect.stringMatching(/fecha de adopción/) })]);
  });

  it('trigger: opens cycle/<last year> with its deadline and the default policy; a second run opens nothing new', async () => {
    const h = harness();
    const before = Date.now();
    const triggered = await call('POST', '/api/schedules/yearly-cycle/trigger');
    expect(triggered.status).toBe(202);
    const opened = await eventually(async () => (await audit(AuditAction.KICKOFF_OPENED))[0], { what: 'the kickoff to open the cycle', timeoutMs: 60_000 });
    expect(opened).toMatchObject({ actor: 'schedule:yearly-cycle', data: expect.objectContaining({ year, workflowId: `cycle/${year}` }) });
    const scheduledAt = Date.parse((opened.data as { scheduledAt: string }).scheduledAt);
    expect(scheduledAt).toBeGreaterThanOrEqual(before - 2000);
    const cycle = await eventually(() => h.prisma.reportingCycle.findFirst({ where: { year } }).then((c) => c ?? undefined), { what: `cycle ${year}` });
    const calendar = createBusinessCalendar();
    const deadline = kickoffDeadline({ openedAt: cycle.openedAt.toISOString(), calendar, businessDays: 20 });
    expect({ openedBy: cycle.openedBy, workflowId: cycle.workflowId, deadline: cycle.deadline.toISOString(), policy: cycle.policy }).toEqual({
      openedBy: 'schedule:yearly-cycle',
      workflowId: `cycle/${year}`,
      deadline: calendar.endOfDay(deadline),
      policy: DEFAULT_REPORTING_POLICY,
    });
    expect((opened.data as { deadline: string }).deadline).toBe(deadline);

    // A second trigger finds the year open. Runs are named by their scheduled time to the second
    // (`kickoff/cycle-<time>`): the first run has ended and a new second has begun before it.
    const first = (opened.data as { kickoff: string }).kickoff;
    await h.env.client.workflow.getHandle(first).result();
    await new Promise((r) => setTimeout(r, Math.max(0, scheduledAt + 1100 - Date.now())));
    expect((await call('POST', '/api/schedules/yearly-cycle/trigger')).status).toBe(202);
    const already = await eventually(async () => (await audit(AuditAction.KICKOFF_ALREADY_OPENED))[0], { what: 'the second kickoff' });
    expect(already.data).toMatchObject({ year });
    expect(await h.prisma.reportingCycle.count({ where: { year } })).toBe(1);
    expect(await audit(AuditAction.SCHEDULE_TRIGGERED)).toHaveLength(2);
  });

  it("a run the schedule backfills reads its year from the scheduled time (TemporalScheduledStartTime), not from now", async () => {
    const h = harness();
    const handle = h.env.client.schedule.getHandle('yearly-cycle');
    await eventually(async () => ((await handle.describe()).info.runningActions.length === 0 ? true : undefined), { what: 'no kickoff running' });
    // 2 January of this year at 09:00: the firing that opens last year's cycle (already open).
    const firing = DateTime.fromObject({ year: year + 1, month: 1, day: 2, hour: 9 }, { zone: ZONE }).toJSDate();
    await handle.backfill({ start: new Date(firing.getTime() - 60_000), end: new Date(firing.getTime() + 60_000) });
    const row = await eventually(async () => (await audit(AuditAction.KICKOFF_ALREADY_OPENED)).find((r) => (r.data as { scheduledAt?: string }).scheduledAt === firing.toISOString()), { what: 'the backfilled run' });
    expect(row.data).toMatchObject({ year, workflowId: `cycle/${year}`, kickoff: expect.stringMatching(/^kickoff\/cycle-/) });
  });

  it('pause and resume with a note (audited); refusals name the field; an unknown schedule is 404', async () => {
    const paused = await call('POST', '/api/schedules/yearly-cycle/pause', { note: 'Plan en revisión' });
    expect(paused).toMatchObject({ status: 200, json: { id: 'yearly-cycle', paused: true, note: expect.stringContaining('Plan en revisión') } });
    const described = await harness().env.client.schedule.getHandle('yearly-cycle').describe();
    expect(described.state).toMatchObject({ paused: true, note: expect.stringContaining('Plan en revisión') });
    expect((await call('GET', '/api/schedules')).json.schedules[0]).toMatchObject({ paused: true, note: expect.stringContaining('Plan en revisión') });
    // A restart keeps the pause (the configuration sets the spec, not the state).
    await ensure();
    expect((await harness().env.client.schedule.getHandle('yearly-cycle').describe()).state.paused).toBe(true);
    expect((await call('POST', '/api/schedules/yearly-cycle/resume', { note: 'Listo' })).json).toMatchObject({ paused: false });
    expect((await audit(AuditAction.SCHEDULE_PAUSED)).map((r) => r.data)).toEqual([{ scheduleId: 'yearly-cycle', note: 'Plan en revisión' }]);
    expect((await audit(AuditAction.SCHEDULE_RESUMED)).map((r) => r.data)).toEqual([{ scheduleId: 'yearly-cycle', note: 'Listo' }]);

    const noNote = await call('POST', '/api/schedules/yearly-cycle/pause', {});
    expect(noNote.status).toBe(400);
    expect(noNote.type).toContain('application/problem+json');
    expect(noNote.json.errors).toEqual([expect.objectContaining({ field: 'note' })]);
    expect((await call('POST', '/api/schedules/nope/pause', { note: 'x' })).status).toBe(404);
    const missing = await call('POST', `/api/schedules/${encodeURIComponent('plan-review/X/v9')}/trigger`);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
  });

  it('backfill: a missed year starts kickoff/cycle/<year> (opening nothing twice); a year not yet missed or unreadable is 400', async () => {
    const h = harness();
    const started = await call('POST', '/api/schedules/yearly-cycle/backfill', { year });
    expect(started).toMatchObject({ status: 202, json: { id: 'yearly-cycle', year, workflowId: `kickoff/cycle/${year}` } });
    const result = await h.env.client.workflow.getHandle(`kickoff/cycle/${year}`).result();
    expect(result).toEqual({ outcome: 'ALREADY_OPENED', year, workflowId: `cycle/${year}` });
    expect((await audit(AuditAction.SCHEDULE_BACKFILLED)).map((r) => r.data)).toEqual([{ scheduleId: 'yearly-cycle', year, workflowId: `kickoff/cycle/${year}` }]);

    const notMissed = await call('POST', '/api/schedules/yearly-cycle/backfill', { year: year + 1 });
    expect(notMissed.status).toBe(400);
    expect(notMissed.json.errors).toEqual([expect.objectContaining({ field: 'year' })]);
    const unreadable = await call('POST', '/api/schedules/yearly-cycle/backfill', { year: 'último' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.json.errors).toEqual([expect.objectContaining({ field: 'year' })]);
  });
});

describe('the plan review', () => {
  it('exists only once the adoption date is set; its next run is adoption + 3 years at 09:00 Mexico City; a run records that the review is due and starts it once', async () => {
    const h = harness();
    const plan = await h.prisma.plan.findFirstOrThrow();
    const id = `plan-review/${plan.key}/v${plan.version}`;
    const adoptedOn = nowMx().minus({ years: 1 }).toISODate()!;
    expect((await call('PUT', `/api/plans/${plan.key}/versions/${plan.version}`, { adoptedOn })).status).toBe(200);
    const ensured = await ensure();
    expect(ensured.schedules.map((s) => s.id)).toEqual(['yearly-cycle', id]);
    expect(ensured.notices).toEqual([]);

    const expected = DateTime.fromISO(adoptedOn, { zone: ZONE }).plus({ years: 3 }).set({ hour: 9 }).toUTC().toISO()!;
    const described = await h.env.client.schedule.getHandle(id).describe();
    expect(described.info.nextActionTimes[0].toISOString()).toBe(expected);
    expect(described.info.nextActionTimes[1].toISOString()).toBe(DateTime.fromISO(adoptedOn, { zone: ZONE }).plus({ years: 6 }).set({ hour: 9 }).toUTC().toISO());
    expect(described.action).toMatchObject({ workflowType: 'planReviewKickoff', workflowId: `kickoff/review/${plan.key}/v${plan.version}`, args: [{ planKey: plan.key, version: plan.version }] });
    const list = await call('GET', '/api/schedules?lang=en');
    expect(list.json.notices).toEqual([]);
    expect(list.json.schedules.find((s: { id: string }) => s.id === id)).toMatchObject({ kind: 'PLAN_REVIEW', workflowType: 'planReviewKickoff', });
    expect(list.json.schedules.find((s: { id: string }) => s.id === id).nextRuns[0]).toEqual({ at: expected, local: expect.stringMatching(/ \d{4}, 09:00$/) });

    expect((await call('POST', `/api/schedules/${encodeURIComponent(id)}/trigger`)).status).toBe(202);
    const due = await eventually(async () => (await audit(AuditAction.PLAN_REVIEW_DUE))[0], { what: 'the review hook' });
    expect(due).toMatchObject({ actor: `schedule:${id}`, data: expect.objectContaining({ planKey: plan.key, version: plan.version, workflowId: expect.stringMatching(new RegExp(`^kickoff/review/${plan.key}/v${plan.version}-`)) }) });
    // The run started the review itself, `review/<key>/v<n>`; a second run finds it started and starts nothing.
    const started = await eventually(async () => (await audit(AuditAction.PLAN_REVIEW_KICKOFF))[0], { what: 'the review started' });
    expect(started).toMatchObject({ data: expect.objectContaining({ outcome: 'STARTED', workflowId: `review/${plan.key}/v${plan.version}` }) });
    expect((await h.env.client.workflow.getHandle(`review/${plan.key}/v${plan.version}`).describe()).type).toBe('planReview');
    // Another run (a trigger in the same second would reuse the run's id: started directly here) starts nothing.
    const second = await h.env.client.workflow.execute(planReviewKickoff, { taskQueue: h.taskQueue, workflowId: `kickoff/review/${plan.key}/v${plan.version}-second`, args: [{ planKey: plan.key, version: plan.version }] });
    expect(second).toEqual({ outcome: 'ALREADY_STARTED', workflowId: `review/${plan.key}/v${plan.version}` });
    expect((await audit(AuditAction.PLAN_REVIEW_KICKOFF)).map((r) => (r.data as { outcome: string }).outcome).sort()).toEqual(['ALREADY_STARTED', 'STARTED']);
    // The review and its round's requests stop here (this test is about the schedule).
    const round = await eventually(async () => {
      const rows = await h.prisma.dataRequest.findMany({ where: { cycle: { kind: 'REVIEW' } }, select: { workflowId: true } });
      return rows.length ? rows : undefined;
    }, { what: "the round's requests" });
    for (const wf of [`review/${plan.key}/v${plan.version}`, ...round.map((r) => r.workflowId)]) await h.env.client.workflow.getHandle(wf).terminate('test over').catch(() => undefined);

    // The date unset again: the schedule goes, the notice comes back.
    expect((await call('PUT', `/api/plans/${plan.key}/versions/${plan.version}`, { adoptedOn: null })).status).toBe(200);
    const again = await ensure();
    expect(again.removed).toEqual([id]);
    expect(again.notices).toHaveLength(1);
  });
});
