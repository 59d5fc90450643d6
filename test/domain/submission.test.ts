import { canonicalSubmission, validateSubmission, ZSubmitInput, type IndicatorForValidation } from '../../domain/submission';

const indicators: IndicatorForValidation[] = [
  { code: '4.a', unit: 'COUNT', disaggregation: 'NONE' },
  { code: '8.a', unit: 'COUNT', disaggregation: 'SEX' },
  { code: '5.g', unit: 'PERCENTAGE', disaggregation: 'NONE' },
  { code: '2.b', unit: 'TEXT', disaggregation: 'NONE' },
  { code: '9.x', unit: 'YES_NO', disaggregation: 'NONE' },
];
const parse = (input: unknown) => ZSubmitInput.parse(input);

describe('validateSubmission', () => {
  it('accepts a complete final submission and types each value by unit', () => {
    const result = validateSubmission({
      indicators,
      input: parse({
        final: true,
        values: [
          { indicator: '4.a', value: '2' },
          { indicator: '8.a', breakdown: 'TOTAL', value: 40 },
          { indicator: '8.a', breakdown: 'WOMEN', value: 25 },
          { indicator: '8.a', breakdown: 'MEN', value: 15 },
          { indicator: '5.g', value: '17,5' },
          { indicator: '2.b', value: '  Se realizaron dos campañas. ' },
          { indicator: '9.x', value: 'sí' },
        ],
      }),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values.find((v) => v.indicator === '4.a')?.numberValue).toBe(2);
    expect(result.values.find((v) => v.indicator === '5.g')?.numberValue).toBe(17.5);
    expect(result.values.find((v) => v.indicator === '2.b')?.textValue).toBe('Se realizaron dos campañas.');
    expect(result.values.find((v) => v.indicator === '9.x')?.booleanValue).toBe(true);
  });

  it.each([
    [{ indicator: '4.a', value: -1 }, 'values[0].value', /whole number/],
    [{ indicator: '4.a', value: 1.5 }, 'values[0].value', /whole number/],
    [{ indicator: '5.g', value: 140 }, 'values[0].value', /0 to 100/],
    [{ indicator: '9.x', value: 'quizá' }, 'values[0].value', /yes or no/],
    [{ indicator: '2.b', value: '   ' }, 'values[0].value', /text answer/],
    [{ indicator: '4.a', breakdown: 'WOMEN', value: 1 }, 'values[0].breakdown', /not disaggregated/],
    [{ indicator: '99.z', value: 1 }, 'values[0].indicator', /not one of the indicators/],
    [{ indicator: '4.a', value: null }, 'values[0].comment', /needs a comment/],
  ])('refuses %j naming %s', (value, field, message) => {
    const result = validateSubmission({ indicators, input: parse({ final: false, values: [value] }) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields[field]).toMatch(message);
    expect(result.message).toContain(field);
  });

  it('refuses women + men above the total, and a repeated value', () => {
    const result = validateSubmission({
      indicators,
      input: parse({
        final: false,
        values: [
          { indicator: '8.a', breakdown: 'TOTAL', value: 10 },
          { indicator: '8.a', breakdown: 'WOMEN', value: 8 },
          { indicator: '8.a', breakdown: 'MEN', value: 5 },
          { indicator: '8.a', breakdown: 'MEN', value: 5 },
        ],
      }),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields['values[3].indicator']).toMatch(/more than once/);
    expect(result.fields['values[0].value']).toMatch(/exceed the total/);
  });

  it('a final submission needs every indicator; a draft does not', () => {
    const input = { values: [{ indicator: '4.a', value: 1 }] };
    const final = validateSubmission({ indicators, input: parse({ ...input, final: true }) });
    expect(final.ok).toBe(false);
    if (!final.ok) expect(final.fields.values).toMatch(/missing: 8\.a, 5\.g, 2\.b, 9\.x/);
    expect(validateSubmission({ indicators, input: parse({ ...input, final: false }) }).ok).toBe(true);
  });

  it('refuses a count written with thousands separators rather than reading "1,000" as 1 (found by a property test)', () => {
    for (const value of ['1,000', ' 10.000 ', '1,234,567', '+2,000']) {
      const result = validateSubmission({ indicators, input: parse({ final: false, values: [{ indicator: '4.a', value }] }) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues[0]).toMatchObject({ field: 'values[0].value', code: 'THOUSANDS_SEPARATOR' });
      expect(result.fields['values[0].value']).toMatch(/without thousands separators \(1000, not 1,000\)/);
    }
    const es = validateSubmission({ indicators, lang: 'es-MX', input: parse({ final: false, values: [{ indicator: '4.a', value: '1,000' }] }) });
    if (!es.ok) expect(es.fields['values[0].value']).toMatch(/sin separadores de miles/);
    // A decimal comma still reads as one where the unit allows decimals, and a plain count is unchanged.
    for (const [indicator, value, expected] of [['5.g', '1,000', 1], ['5.g', '17,5', 17.5], ['4.a', '1000', 1000], ['4.a', '5,0', 5]] as const) {
      const result = validateSubmission({ indicators, input: parse({ final: false, values: [{ indicator, value }] }) });
      expect(result.ok && result.values[0].numberValue).toBe(expected);
    }
  });

  it('accepts "no data" with a comment', () => {
    const result = validateSubmission({ indicators, input: parse({ final: false, values: [{ indicator: '4.a', value: null, comment: 'Sin cursos este año' }] }) });
    expect(result.ok).toBe(true);
  });
});

describe('canonicalSubmission', () => {
  it('does not depend on the order of the values', () => {
    const a = validateSubmission({ indicators, input: parse({ final: false, values: [{ indicator: '4.a', value: 1 }, { indicator: '5.g', value: 2 }] }) });
    const b = validateSubmission({ indicators, input: parse({ final: false, values: [{ indicator: '5.g', value: '2' }, { indicator: '4.a', value: 1 }] }) });
    if (!a.ok || !b.ok) throw new Error('expected valid');
    expect(canonicalSubmission({ values: a.values, narrative: 'x' })).toBe(canonicalSubmission({ values: b.values, narrative: 'x' }));
    expect(canonicalSubmission({ values: a.values, narrative: 'x' })).not.toBe(canonicalSubmission({ values: a.values, narrative: 'y' }));
  });
});
