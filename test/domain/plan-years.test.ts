import { PlanYearBasis, cycleYearOfPlanYear, planYearOfCycle, planYearOnDay, planYears } from '../../domain/plan-years';

describe('planYearOnDay: plan years counted from the adoption date', () => {
  it('starts plan year 1 on the day of adoption and plan year 2 on its first anniversary', () => {
    const adoptedOn = '2025-03-08';
    expect(planYearOnDay({ adoptedOn, day: '2025-03-07' })).toBe(0);
    expect(planYearOnDay({ adoptedOn, day: '2025-03-08' })).toBe(1);
    expect(planYearOnDay({ adoptedOn, day: '2025-12-31' })).toBe(1);
    expect(planYearOnDay({ adoptedOn, day: '2026-03-07' })).toBe(1);
    expect(planYearOnDay({ adoptedOn, day: '2026-03-08' })).toBe(2);
    expect(planYearOnDay({ adoptedOn, day: '2024-03-07' })).toBe(-1);
  });

  it('keeps a 29 February adoption on 28 February in common years', () => {
    const adoptedOn = '2024-02-29';
    expect(planYearOnDay({ adoptedOn, day: '2025-02-27' })).toBe(1);
    expect(planYearOnDay({ adoptedOn, day: '2025-02-28' })).toBe(2);
    expect(planYearOnDay({ adoptedOn, day: '2028-02-28' })).toBe(4);
    expect(planYearOnDay({ adoptedOn, day: '2028-02-29' })).toBe(5);
  });
});

describe('planYears and planYearOfCycle', () => {
  it('judges a cycle as the plan year its calendar year ends in: the year of adoption is plan year 1', () => {
    const years = planYears({ adoptedOn: '2025-03-08', firstCycleYear: 2026 });
    expect(years).toMatchObject({ basis: PlanYearBasis.ADOPTION_DATE, firstYear: 2025, adoptedOn: '2025-03-08' });
    expect([2024, 2025, 2026, 2027].map((cycleYear) => planYearOfCycle({ years, cycleYear }))).toEqual([0, 1, 2, 3]);
    expect(cycleYearOfPlanYear({ years, planYear: 3 })).toBe(2027);
    expect(years.text['es-MX']).toBe(
      'Los años del plan se cuentan desde su adopción (2025-03-08): el año 1 del plan es 2025; cada ciclo anual se juzga como el año del plan en que termina.',
    );
    expect(years.text.en).toContain('counted from the plan\'s adoption (2025-03-08)');
  });

  it('makes the year of adoption plan year 1 even when the plan is adopted on 31 December', () => {
    expect(planYearOfCycle({ years: planYears({ adoptedOn: '2025-12-31', firstCycleYear: 2025 }), cycleYear: 2025 })).toBe(1);
    expect(planYearOfCycle({ years: planYears({ adoptedOn: '2026-01-01', firstCycleYear: 2025 }), cycleYear: 2025 })).toBe(0);
    expect(planYearOfCycle({ years: planYears({ adoptedOn: '2024-02-29', firstCycleYear: 2025 }), cycleYear: 2027 })).toBe(4);
  });

  it('counts from the first cycle while no adoption date is recorded, and says so', () => {
    const years = planYears({ adoptedOn: null, firstCycleYear: 2026 });
    expect(years).toMatchObject({ basis: PlanYearBasis.FIRST_CYCLE, firstYear: 2026, adoptedOn: null });
    expect([2025, 2026, 2028].map((cycleYear) => planYearOfCycle({ years, cycleYear }))).toEqual([0, 1, 3]);
    expect(years.text['es-MX']).toBe(
      'El plan no tiene fecha de adopción registrada: los años del plan se cuentan desde el primer ciclo, el de 2026, que es el año 1 del plan.',
    );
    expect(years.text.en).toBe('The plan has no recorded adoption date: plan years are counted from the first cycle, the one for 2026, which is plan year 1.');
  });

  it('refuses an adoption date that is not a date', () => {
    expect(() => planYears({ adoptedOn: '2025-02-30', firstCycleYear: 2025 })).toThrow(RangeError);
    expect(() => planYears({ adoptedOn: 'March 2025', firstCycleYear: 2025 })).toThrow(/adoptedOn must be an ISO date/);
  });
});
