/**
 * Properties of the submission validator (domain/submission, domain/input-bounds), as the API applies it:
 * ZSubmitInput first (its refusals localized by domain/field-issues), then validateSubmission, then the
 * content hash. No input crashes it, and the canonical form of valid content is stable. Deterministic: a
 * fixed seed.
 */
import fc from 'fast-check';
import { localizeZodIssues, type FieldIssue } from '../../../domain/field-issues';
import { Locale } from '../../../domain/input-bounds';
import {
  canonicalSubmission,
  submissionContentHash,
  validateSubmission,
  ZSubmitInput,
  type IndicatorForValidation,
  type NormalizedValue,
} from '../../../domain/submission';

fc.configureGlobal({ seed: 1325, numRuns: 300 });

/** Indicators as a plan defines them (codes `<objective>.<letter>`), one of each unit and disaggregation. */
const indicators: IndicatorForValidation[] = [
  { code: '4.a', unit: 'COUNT', disaggregation: 'NONE' },
  { code: '8.a', unit: 'COUNT', disaggregation: 'SEX' },
  { code: '5.g', unit: 'PERCENTAGE', disaggregation: 'NONE' },
  { code: '12.b', unit: 'PERCENTAGE', disaggregation: 'SEX' },
  { code: '2.b', unit: 'TEXT', disaggregation: 'NONE' },
  { code: '9.x', unit: 'YES_NO', disaggregation: 'NONE' },
  { code: '1.y', unit: 'YES_NO', disaggregation: 'SEX' },
];

type Outcome = { ok: true; values: NormalizedValue[]; canonical: string; hash: string } | { ok: false; message: string; issues: FieldIssue[] };

/** What POST /respond does with a body, up to the content hash (api/respond-routes.ts). */
function submit(body: unknown, lang: Locale = Locale.EN): Outcome {
  const parsed = ZSubmitInput.safeParse(body);
  if (!parsed.success) {
    const issues = localizeZodIssues({ issues: parsed.error.issues, lang });
    return { ok: false, message: `${issues[0].field}: ${issues[0].message}`, issues };
  }
  const validation = validateSubmission({ indicators, input: parsed.data, lang });
  if (!validation.ok) return { ok: false, message: validation.message, issues: validation.issues };
  const content = { values: validation.values, narrative: parsed.data.narrative };
  return { ok: true, values: validation.values, canonical: canonicalSubmission(content), hash: submissionContentHash(content) };
}

/** Characters that break naive code: controls, NUL, lone surrogates, noncharacters, BOM, line and paragraph separators, RTL marks. */
const nastyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0xfffe, 0xffff, 0xfeff, 0x2028, 0x2029, 0x200b, 0x202e, 0x0d, 0x0a, 0x09, 0x20, 0x2c, 0x2e),
).map((code) => String.fromCharCode(code));
/** Any string: printable, full Unicode, nasty characters, and long ones (up to 25,000 characters, past every limit). */
const anyString = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.oneof(nastyChar, fc.string({ minLength: 1, maxLength: 1 })) }), weight: 3 },
  { arbitrary: fc.tuple(fc.integer({ min: 4_990, max: 25_000 }), fc.constantFrom('a', ' ', '\u00e9', '\ud83d\ude00', '\r\n')).map(([n, c]) => c.repeat(Math.ceil(n / c.length))), weight: 1 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'Infinity', 'NaN', '-0', '1e400', '0x10', '１２', '1,000', '17,5', ' sí ', 'SÍ', ''), weight: 1 },
);
/** Any number, huge and tiny ones, −0, NaN and ±Infinity included (not JSON, but a caller might pass them). */
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 100.0000001, 99.9999995),
);
const anyScalar = fc.oneof(anyString, anyNumber, fc.boolean(), fc.constant(null), fc.constant(undefined));
/** JSON-ish values: scalars, arrays and objects (keys include __proto__), up to a few levels deep. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 3, depthIdentifier: 'json' }, anyScalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(anyString, tie('value'), { maxKeys: 4 })),
})).value;

/** A body shaped like a submission, with each field sometimes right, sometimes anything. */
const submissionLike = fc.record(
  {
    values: fc.oneof(
      { arbitrary: anyValue, weight: 1 },
      {
        arbitrary: fc.array(
          fc.record(
            {
              indicator: fc.oneof(fc.constantFrom(...indicators.map((i) => i.code)), anyValue),
              breakdown: fc.oneof(fc.constantFrom('TOTAL', 'WOMEN', 'MEN'), anyValue),
              value: fc.oneof(anyScalar, anyValue),
              comment: fc.oneof(anyString, anyValue),
              extra: anyValue,
            },
            { requiredKeys: ['indicator', 'value'] },
          ),
          { maxLength: 12 },
        ),
        weight: 5,
      },
    ),
    narrative: fc.oneof(anyString, anyValue),
    final: fc.oneof(fc.boolean(), anyValue),
    reason: fc.oneof(anyString, anyValue),
    narative: anyValue,
  },
  { requiredKeys: ['values'] },
);

describe('the submission validator', () => {
  it('never throws: any body is accepted with a content hash, or refused with field issues in each language', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, submissionLike), fc.constantFrom(Locale.EN, Locale.ES_MX), (body, lang) => {
        const outcome = submit(body, lang);
        if (outcome.ok) {
          expect(outcome.hash).toMatch(/^[0-9a-f]{64}$/);
          return;
        }
        expect(outcome.issues.length).toBeGreaterThan(0);
        for (const issue of outcome.issues) {
          expect(typeof issue.field).toBe('string');
          expect(issue.code).toMatch(/^[A-Z_]+$/);
          expect(typeof issue.message).toBe('string');
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('survives the bodies JSON.parse makes of hostile text (own __proto__ keys, deep nesting, huge numbers)', () => {
    const texts = [
      '{"__proto__":{"final":false},"values":[]}',
      '{"values":[{"indicator":"4.a","value":1,"__proto__":{"x":1}}],"final":false}',
      '{"values":[{"indicator":"4.a","value":1e400}],"final":false}',
      '{"values":[{"indicator":"4.a","value":123456789012345678901234567890}],"final":false}',
      `{"values":${'['.repeat(200)}${']'.repeat(200)}}`,
      '{"values":[{"indicator":"2.b","value":"\\ud800"}],"final":false}',
      '{"values":[{"indicator":"4.a","value":null,"comment":"\\u0000"}],"final":false}',
    ];
    for (const text of texts) {
      const outcome = submit(JSON.parse(text));
      expect(typeof outcome.ok).toBe('boolean');
    }
  });
});

/** One (indicator, breakdown) pair of the list above, each at most once. */
const pairsArb = fc.uniqueArray(
  fc.constantFrom(...indicators.flatMap((i) => (i.disaggregation === 'SEX' ? ['TOTAL', 'WOMEN', 'MEN'] : ['TOTAL']).map((breakdown) => ({ indicator: i, breakdown })))),
  { selector: ({ indicator, breakdown }) => `${indicator.code}/${breakdown}`, maxLength: 12 },
);

/** A valid value for an indicator, and its equivalent spellings (all must validate to the same thing). */
function spellingsArb(indicator: IndicatorForValidation): fc.Arbitrary<unknown[]> {
  const spaced = (s: string) => [s, ` ${s}`, `${s}\t`];
  switch (indicator.unit) {
    case 'COUNT':
      // Small enough that WOMEN + MEN never exceed TOTAL by chance is not needed: the property only looks at valid ones.
      return fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 2 ** 53 - 1)).map((n) => [n, String(n), ...spaced(String(n)), `${n}.0`, `+${n}`, ...(n === 0 ? [-0, '-0'] : [])]);
    case 'PERCENTAGE':
      return fc
        .record({ units: fc.integer({ min: 0, max: 100_000_000 }), decimals: fc.integer({ min: 0, max: 6 }) })
        .map(({ units, decimals }) => Number((units / 10 ** decimals).toFixed(decimals)))
        .filter((p) => p <= 100)
        .map((p) => [p, String(p), ...spaced(String(p)), String(p).replace('.', ',')]);
    case 'YES_NO':
      return fc.boolean().map((b) => (b ? [true, 'true', 'sí', ' Sí ', 'SI', 'yes', '1'] : [false, 'false', 'no', ' NO ', '0']));
    case 'TEXT':
      return fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
        .filter((s) => s.trim() !== '')
        .map((s) => [s, `  ${s}\n`, s.replace(/\n/g, '\r\n'), s.replace(/\n/g, '\r')]);
  }
}

/** A valid submission: each value with its spellings, a comment (blank or not) and a narrative. */
const validArb = pairsArb.chain((pairs) =>
  fc.record({
    values: fc.tuple(
      ...pairs.map(({ indicator, breakdown }) =>
        fc.record({
          indicator: fc.constant(indicator.code),
          breakdown: fc.constant(breakdown),
          spellings: spellingsArb(indicator),
          comment: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        }),
      ),
    ),
    narrative: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    keyOrder: fc.boolean(),
  }),
);

/** The input a contact could send for a value, spelled the `k`-th way (key order reversed when asked). */
function inputOf(v: { indicator: string; breakdown: string; spellings: unknown[]; comment?: string }, k: number, reverseKeys: boolean): Record<string, unknown> {
  const entries: [string, unknown][] = [
    ['indicator', v.indicator],
    ['breakdown', v.breakdown],
    ['value', v.spellings[k % v.spellings.length]],
    ...(v.comment === undefined ? [] : [['comment', v.comment] as [string, unknown]]),
  ];
  return Object.fromEntries(reverseKeys ? entries.reverse() : entries);
}

describe('the canonical form of a submission', () => {
  it('does not depend on how values are spelled, their order, the order of keys, blanks or CR/LF', () => {
    fc.assert(
      fc.property(validArb, fc.integer({ min: 0, max: 6 }), ({ values, narrative, keyOrder }, spelling) => {
        const first = submit({ values: values.map((v) => inputOf(v, 0, false)), narrative, final: false });
        fc.pre(first.ok); // WOMEN + MEN may exceed TOTAL, or a comment be refused; those are not this property's
        if (!first.ok) return;
        const rest = { ...(narrative === undefined ? {} : { narrative: ` ${narrative.replace(/\n/g, '\r\n')}\r\n` }), final: false };
        const reordered = { ...rest, values: [...values].reverse().map((v) => inputOf(v, spelling, keyOrder)) };
        const again = submit(keyOrder ? Object.fromEntries(Object.entries(reordered).reverse()) : reordered);
        expect(again).toMatchObject({ ok: true, canonical: first.canonical, hash: first.hash });
      }),
    );
  });

  it('is a fixed point: validating the canonical content again gives the same canonical form and hash', () => {
    fc.assert(
      fc.property(validArb, ({ values, narrative }) => {
        const first = submit({ values: values.map((v) => inputOf(v, 0, false)), narrative, final: false });
        fc.pre(first.ok);
        if (!first.ok) return;
        const parsed = JSON.parse(first.canonical) as { v: [string, string, number | null, boolean | null, string | null, string | null][]; n: string | null };
        const again = submit({
          values: parsed.v.map(([indicator, breakdown, n, b, t, comment]) => ({ indicator, breakdown, value: n ?? b ?? t, ...(comment === null ? {} : { comment }) })),
          ...(parsed.n === null ? {} : { narrative: parsed.n }),
          final: false,
        });
        expect(again).toMatchObject({ ok: true, canonical: first.canonical, hash: first.hash });
      }),
    );
  });

  it('reads a count written with thousands separators (1,000; 10.000) as that number or refuses it, never as another number', () => {
    // Multiples of a thousand plus a little: "1,000", "12,005"; and any whole number up to 2^53 − 1.
    const wholeArb = fc.oneof(fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([k, r]) => k * 1000 + r), fc.integer({ min: 0, max: 2 ** 53 - 1 }));
    fc.assert(
      fc.property(wholeArb, fc.constantFrom('es-MX', 'en-US', 'es-ES', 'de-DE'), (n, locale) => {
        const outcome = submit({ values: [{ indicator: '4.a', value: n.toLocaleString(locale) }], final: false });
        if (outcome.ok) expect(outcome.values[0].numberValue).toBe(n);
      }),
    );
  });

  it('changes when the content changes (a different number, a comment, the narrative)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000 }), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''), (n, delta, text) => {
        const base = submit({ values: [{ indicator: '4.a', value: n }], final: false });
        const other = submit({ values: [{ indicator: '4.a', value: n + delta }], final: false });
        const commented = submit({ values: [{ indicator: '4.a', value: n, comment: text }], final: false });
        const narrated = submit({ values: [{ indicator: '4.a', value: n }], narrative: text, final: false });
        fc.pre(base.ok && other.ok && commented.ok && narrated.ok);
        const hashes = [base, other, commented, narrated].map((o) => (o.ok ? o.hash : ''));
        expect(new Set(hashes).size).toBe(4);
      }),
    );
  });
});
