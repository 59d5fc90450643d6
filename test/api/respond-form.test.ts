import { formToSubmission, placeIssues } from '../../api/respond-form';
import { validateSubmission, ZSubmitInput, type IndicatorForValidation } from '../../domain/submission';

const indicators: IndicatorForValidation[] = [
  { code: '1.a', unit: 'COUNT', disaggregation: 'NONE' },
  { code: '8.a', unit: 'COUNT', disaggregation: 'SEX' },
  { code: '2.b', unit: 'TEXT', disaggregation: 'NONE' },
];

describe('formToSubmission', () => {
  it('reads values, comments, narrative, reason and final; a comment alone means "no data"', () => {
    const form = formToSubmission({
      'v|1.a|TOTAL': ' 3 ',
      'v|8.a|TOTAL': '10',
      'v|8.a|WOMEN': '6',
      'v|8.a|MEN': '',
      'c|2.b': 'Sin campañas este año',
      'c|8.a': 'Cifras del primer semestre',
      narrative: 'Informe.',
      reason: '',
      final: 'true',
    });
    expect(form.body).toEqual({
      values: [
        { indicator: '1.a', breakdown: 'TOTAL', value: '3' },
        { indicator: '8.a', breakdown: 'TOTAL', value: '10', comment: 'Cifras del primer semestre' },
        { indicator: '8.a', breakdown: 'WOMEN', value: '6', comment: 'Cifras del primer semestre' },
        { indicator: '2.b', breakdown: 'TOTAL', value: null, comment: 'Sin campañas este año' },
      ],
      narrative: 'Informe.',
      final: true,
    });
    expect(form.origins).toEqual(['v-1-a-TOTAL', 'v-8-a-TOTAL', 'v-8-a-WOMEN', 'c-2-b']);
    // What was sent is kept as sent, empty fields included, for the page shown back.
    expect(form.echo.values['8.a|MEN']).toBe('');
    expect(form.echo.values['1.a|TOTAL']).toBe(' 3 ');
  });

  it('takes the last of repeated fields and ignores fields it does not know', () => {
    const form = formToSubmission({ 'v|1.a|TOTAL': ['1', '2'], 'x|y': 'z', 'v|bad': '1', final: 'false' });
    expect(form.body).toEqual({ values: [{ indicator: '1.a', breakdown: 'TOTAL', value: '2' }], final: false });
  });
});

describe('placeIssues', () => {
  it('puts each problem beside the input it came from, and lists them all', () => {
    const form = formToSubmission({ 'v|8.a|TOTAL': '10', 'v|8.a|WOMEN': '8', 'v|8.a|MEN': '5', 'v|1.a|TOTAL': 'muchos', 'c|2.b': '', final: 'true' });
    const result = validateSubmission({ indicators, input: ZSubmitInput.parse(form.body), lang: 'es-MX' });
    if (result.ok) throw new Error('expected refusals');
    const placed = placeIssues(result.issues, form.origins);
    expect(placed.fieldErrors['v-1-a-TOTAL']).toMatch(/necesita un número/);
    expect(placed.fieldErrors['v-8-a-TOTAL']).toMatch(/indicador 8\.a: mujeres \(8\) \+ hombres \(5\) superan el total \(10\)/);
    expect(placed.errors.map((e) => e.fieldId)).toEqual(['v-1-a-TOTAL', 'v-8-a-TOTAL']);
  });

  it('points a missing indicator at its first input, and narrative or reason at theirs', () => {
    const form = formToSubmission({ 'v|1.a|TOTAL': '1', final: 'true' });
    const result = validateSubmission({ indicators, input: ZSubmitInput.parse(form.body), lang: 'en' });
    if (result.ok) throw new Error('expected refusals');
    expect(placeIssues(result.issues, form.origins).errors).toEqual([{ fieldId: 'v-8-a-TOTAL', message: expect.stringMatching(/missing: 8\.a, 2\.b/) }]);
    expect(placeIssues([{ field: 'reason', code: 'CORRECTION_NEEDS_REASON', message: 'x' }], []).fieldErrors).toEqual({ reason: 'x' });
  });
});
