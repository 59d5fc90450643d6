import type { TWords } from '../goal-target-text';

/**
 * How the report decides what it states, one paragraph each, in es-MX and English: the words of the
 * rules in domain/goal-status.ts (statuses, kinds of target, plan years, how a year's value is made),
 * domain/sex-breakdown.ts, and the compliance and data-quality rules of this folder. Kept beside the code
 * so the annex changes with it.
 */
export const REPORT_METHOD_RULES: readonly TWords[] = [
  {
    'es-MX':
      'Cada meta se juzga con los valores registrados de su indicador en este ciclo y en los ciclos anteriores del mismo plan. El valor de un año es la suma de las instituciones que dieron una cifra; un "sin datos" no suma nada, y un año en que ninguna dio cifra no tiene datos.',
    en: "Each goal is judged with the stored values of its indicator in this cycle and the earlier cycles of the same plan. A year's value is the sum over the institutions that gave a number; a \"no data\" adds nothing, and a year in which none gave a number has no data.",
  },
  {
    'es-MX':
      'Cumplida: la meta se alcanzó (por año: en el año juzgado; con hitos: todos). En curso: aún no se alcanza, pero no falta nada de lo que ya venció. Atrasada: falta algo que ya venció (el valor del año está por debajo de una meta anual, un hito no se cumplió, un total no llegó a su año límite, se rebasó un máximo, un porcentaje no se alcanza). Sin iniciar: nada registrado y nada vencido, o un ciclo anterior al año 1 del plan. Sin datos: falta un valor que la decisión necesita. No evaluable: el plan no da lo que el juicio necesita (una meta medible, un indicador, el denominador de un porcentaje, un periodo); el informe nombra la cifra que falta y nunca la estima.',
    en: 'Met: the target is reached (per year: in the year judged; milestones: every one). On track: not reached yet, but nothing due so far is missing. Behind: something due is missing (the year is below a per-year target, a milestone was missed, a total missed its due year, an upper bound was exceeded, a share is off). Not started: nothing recorded and nothing due, or a cycle before plan year 1. No data: a value the decision needs was not reported. Not evaluable: the plan does not give what a judgement needs (a measurable target, an indicator, the denominator of a share, a period); the report names the missing figure and never estimates it.',
  },
  {
    'es-MX':
      'Metas por año: se juzga solo el año del ciclo (cumplida, atrasada o sin datos); los años anteriores se mencionan pero no se juzgan otra vez. Metas acumuladas: el total de los años 1 a n del plan (cumplida, en curso, atrasada solo pasado su año límite o al rebasar un máximo, sin iniciar, sin datos). Hitos: cada hito se juzga en su propio año del plan. Porcentajes: el cociente del año o de los totales (cumplida, atrasada o sin datos). Una meta sin cifra ("cada año") se cumple cuando el valor es mayor que cero.',
    en: 'Per-year targets: only the cycle\'s year is judged (met, behind or no data); earlier years are listed, not judged again. Cumulative targets: the total of plan years 1..n (met, on track, behind only past a due year or over an upper bound, not started, no data). Milestones: each on its own plan year. Shares: the quotient of the year or of the totals (met, behind or no data). A target without a number ("each year") is met when the value is above zero.',
  },
  {
    'es-MX':
      'Años del plan: se cuentan desde la fecha de adopción del plan; mientras no esté registrada, desde el primer ciclo realizado con esta versión del plan. Cada ciclo anual se juzga como el año del plan en que termina.',
    en: 'Plan years are counted from the plan\'s adoption date; while none is recorded, from the first cycle run under this plan version. Each yearly cycle is judged as the plan year in which it ends.',
  },
  {
    'es-MX':
      'Desglose por sexo: cuando mujeres y hombres no alcanzan el total, la diferencia se muestra como "sexo no registrado"; nunca se reparte entre mujeres y hombres.',
    en: 'Breakdown by sex: where women and men fall short of the total, the remainder is shown as "sex not recorded"; it is never spread over women and men.',
  },
  {
    'es-MX':
      'Valores usados: los de la última entrega final o corrección de cada institución. Cumplimiento: a tiempo si el informe final llegó a más tardar en el plazo vigente; tras una prórroga si llegó después del plazo original y dentro del plazo prorrogado; con retraso (N días hábiles después del plazo vigente, sin contar fines de semana, días de descanso obligatorio ni los días inhábiles de la secretaría, en la hora de la Ciudad de México; un informe recibido en día inhábil cuenta desde el siguiente día hábil); exenta; no informó; o abierta si el ciclo sigue en curso.',
    en: "Values used: each institution's latest final report or correction. Compliance: on time when the final report came by the deadline in force; after an extension when it came after the original deadline and within the extended one; late (N business days after the deadline in force, weekends, statutory rest days and the secretariat's holidays excluded, in Mexico City time; a report received on a rest day counts from the next business day); exempted; not reported; or open while the cycle runs.",
  },
  {
    'es-MX':
      'Alertas de calidad de datos: un valor "sin datos" (con su comentario); mujeres y hombres que no alcanzan el total; valores que vienen de una corrección hecha después del plazo vigente.',
    en: 'Data-quality flags: a value given as "no data" (with its comment); women and men falling short of the total; values that come from a correction made after the deadline in force.',
  },
];
