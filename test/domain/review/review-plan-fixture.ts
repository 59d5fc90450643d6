import type { TReviewPlan } from '../../../domain/review/review-plan';

const t = (en: string) => ({ en, es: `${en} (es)` });

/**
 * A small plan version for the review rules: objective 1 (SRE, SEDENA), objective 2 (SEMAR), objective 3
 * (SEDENA, another area); indicator 2.b is also reported by CECOPAM (named in its text).
 */
export const PLAN: TReviewPlan = {
  objectives: [
    { code: '1', thematicAreaCode: 'I', text: t('Prevent'), institutionsInCharge: ['SRE', 'SEDENA'] },
    { code: '2', thematicAreaCode: 'I', text: t('Participate'), institutionsInCharge: ['SEMAR'] },
    { code: '3', thematicAreaCode: 'II', text: t('Protect'), institutionsInCharge: ['SEDENA'] },
  ],
  linesOfAction: [
    { code: '1.1', objectiveCode: '1', text: t('Line 1.1') },
    { code: '1.2', objectiveCode: '1', text: t('Line 1.2') },
    { code: '2.1', objectiveCode: '2', text: t('Line 2.1') },
    { code: '3.1', objectiveCode: '3', text: t('Line 3.1') },
  ],
  indicators: [
    { code: '1.a', objectiveCode: '1', text: t('Women trained'), unit: 'COUNT', disaggregation: 'NONE', reporters: [{ institutionCode: 'SRE' }, { institutionCode: 'SEDENA' }] },
    { code: '1.b', objectiveCode: '1', text: t('Protocol adopted'), unit: 'YES_NO', disaggregation: 'NONE', reporters: [{ institutionCode: 'SRE' }] },
    { code: '2.a', objectiveCode: '2', text: t('Officers deployed'), unit: 'COUNT', disaggregation: 'SEX', reporters: [{ institutionCode: 'SEMAR' }] },
    { code: '2.b', objectiveCode: '2', text: t('Courses at CECOPAM'), unit: 'COUNT', disaggregation: 'NONE', reporters: [{ institutionCode: 'SEMAR' }, { institutionCode: 'CECOPAM' }] },
    { code: '3.a', objectiveCode: '3', text: t('Cases attended'), unit: 'COUNT', disaggregation: 'NONE', reporters: [{ institutionCode: 'SEDENA' }] },
  ],
  goals: [
    {
      code: '1.g1',
      objectiveCode: '1',
      indicatorCode: '1.a',
      text: t('60 women a year'),
      target: { kind: 'COUNT', figure: t('women trained'), value: 60, comparator: 'AT_LEAST', counting: 'PER_YEAR', dueByPlanYear: null },
    },
    { code: '2.g1', objectiveCode: '2', indicatorCode: null, text: t('More officers'), target: null },
  ],
};
