import { formatDeadline } from '../domain/deadline-text';
import { withCode } from '../domain/institution-name';
import { requestStatusLabel } from '../domain/request-status-labels';


export interface RespondPageIndicator {
  code: string;
  textEs: string;
  textEn: string;
  unit: string;
  disaggregation: string;
}

export interface RespondPageModel {
  lang: 'es-MX' | 'en';
  year: number;
  institution: { code: string; nameEs: string; nameEn: string };
  deadlineAt: string;
  zone: string;
  status: string;
  indicators: RespondPageIndicator[];
  /** Values of the latest saved version, keyed `code|breakdown`. */
  saved: Record<string, string>;
  savedComments: Record<string, string>;
  narrative: string;
  actionUrl: string;
  message?: { kind: 'ok' | 'error'; text: string; fields?: Record<string, string> };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const t = {
  'es-MX': {
    title: 'Informe PNA-1325',
    due: 'Fecha límite',
    status: 'Estado',
    total: 'Total',
    women: 'Mujeres',
    men: 'Hombres',
    yes: 'Sí',
    no: 'No',
    comment: 'Comentario (obligatorio si no hay dato)',
    narrative: 'Narrativa / observaciones',
    draft: 'Guardar borrador',
    submit: 'Enviar informe final',
    other: 'English',
    unofficial: 'Traducción no oficial de los textos del plan.',
  },
  en: {
    title: 'NAP-1325 report',
    due: 'Deadline',
    status: 'Status',
    total: 'Total',
    women: 'Women',
    men: 'Men',
    yes: 'Yes',
    no: 'No',
    comment: 'Comment (required where there is no data)',
    narrative: 'Narrative / remarks',
    draft: 'Save draft',
    submit: 'Submit final report',
    other: 'Español',
    unofficial: 'Spanish texts of the plan are an unofficial translation.',
  },
} as const;

/**
 * The form an agency contact reaches from the emailed link: the institution's indicators with the values
 * saved so far, a draft button and a final-submission button. Plain HTML, no script, works in any mail
 * client's browser. Field names: `v|<indicator>|<TOTAL|WOMEN|MEN>`, `c|<indicator>`, `narrative`, `final`.
 */
export function renderRespondPage(m: RespondPageModel): string {
  const l = t[m.lang];
  const text = (i: RespondPageIndicator) => (m.lang === 'en' ? i.textEn : i.textEs);
  const input = (i: RespondPageIndicator, breakdown: string) => {
    const name = `v|${i.code}|${breakdown}`;
    const value = m.saved[`${i.code}|${breakdown}`] ?? '';
    if (i.unit === 'YES_NO') {
      return `<select name="${esc(name)}"><option value=""></option><option value="true"${value === 'true' ? ' selected' : ''}>${l.yes}</option><option value="false"${value === 'false' ? ' selected' : ''}>${l.no}</option></select>`;
    }
    if (i.unit === 'TEXT') return `<textarea name="${esc(name)}" rows="3" cols="60">${esc(value)}</textarea>`;
    const step = i.unit === 'PERCENTAGE' ? '0.01' : '1';
    const max = i.unit === 'PERCENTAGE' ? ' max="100"' : '';
    return `<input type="number" min="0"${max} step="${step}" name="${esc(name)}" value="${esc(value)}">`;
  };
  const rows = m.indicators
    .map((i) => {
      const fields =
        i.disaggregation === 'SEX'
          ? `<label>${l.total} ${input(i, 'TOTAL')}</label> <label>${l.women} ${input(i, 'WOMEN')}</label> <label>${l.men} ${input(i, 'MEN')}</label>`
          : input(i, 'TOTAL');
      const problem = Object.entries(m.message?.fields ?? {}).find(([k, v]) => k.includes(i.code) || v.includes(` ${i.code} `));
      return `<fieldset><legend><strong>${esc(i.code)}</strong> ${esc(text(i))}</legend>${fields}
<br><label>${l.comment}<br><input type="text" size="70" name="${esc(`c|${i.code}`)}" value="${esc(m.savedComments[i.code] ?? '')}"></label>
${problem ? `<p class="error">${esc(problem[1])}</p>` : ''}</fieldset>`;
    })
    .join('\n');
  const otherLang = m.lang === 'en' ? 'es-MX' : 'en';
  const otherUrl = `${m.actionUrl}${m.actionUrl.includes('?') ? '&' : '?'}lang=${otherLang}`;
  return `<!doctype html>
<html lang="${m.lang}"><head><meta charset="utf-8"><title>${l.title} ${m.year} — ${esc(m.institution.code)}</title>
<style>body{font-family:Arial,Helvetica,sans-serif;max-width:860px;margin:2em auto}fieldset{margin:1em 0}.error{color:#a00}.ok{color:#060}</style></head>
<body>
<p><a href="${esc(otherUrl)}">${l.other}</a></p>
<h1>${l.title} ${m.year}: ${esc(withCode(m.lang === 'en' ? m.institution.nameEn : m.institution.nameEs, m.institution.code))}</h1>
<p>${l.due}: ${esc(formatDeadline({ at: m.deadlineAt, zone: m.zone, locale: m.lang }))} · ${l.status}: <strong>${esc(requestStatusLabel(m.status, m.lang))}</strong></p>
${m.message ? `<p class="${m.message.kind}" role="status">${esc(m.message.text)}</p>` : ''}
<form method="post" action="${esc(m.actionUrl)}">
${rows}
<label>${l.narrative}<br><textarea name="narrative" rows="6" cols="80">${esc(m.narrative)}</textarea></label>
<p><button type="submit" name="final" value="false">${l.draft}</button> <button type="submit" name="final" value="true">${l.submit}</button></p>
</form>
<p><small>${l.unofficial}</small></p>
</body></html>`;
}

/** Reads the form fields of {@link renderRespondPage} into the JSON shape of a submission. */
export function formToSubmission(form: Record<string, unknown>): {
  values: { indicator: string; breakdown: string; value: string | null; comment?: string }[];
  narrative?: string;
  final: boolean;
  reason?: string;
} {
  const values: { indicator: string; breakdown: string; value: string | null; comment?: string }[] = [];
  const comments = new Map<string, string>();
  for (const [key, raw] of Object.entries(form)) {
    const value = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw ?? '');
    const parts = key.split('|');
    if (parts[0] === 'c' && parts.length === 2 && value.trim() !== '') comments.set(parts[1], value.trim());
  }
  for (const [key, raw] of Object.entries(form)) {
    const value = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw ?? '');
    const parts = key.split('|');
    if (parts[0] !== 'v' || parts.length !== 3) continue;
    const [, indicator, breakdown] = parts;
    if (value.trim() === '') continue;
    values.push({ indicator, breakdown, value: value.trim() });
  }
  // A comment on an indicator with no value at all means "no data, because …".
  for (const [indicator, comment] of comments) {
    const own = values.filter((v) => v.indicator === indicator);
    if (own.length === 0) values.push({ indicator, breakdown: 'TOTAL', value: null, comment });
    else own.forEach((v) => (v.comment = comment));
  }
  const narrative = typeof form.narrative === 'string' && form.narrative.trim() !== '' ? form.narrative.trim() : undefined;
  const reason = typeof form.reason === 'string' && form.reason.trim() !== '' ? form.reason.trim() : undefined;
  return { values, narrative, final: String(form.final ?? 'true') === 'true', ...(reason ? { reason } : {}) };
}
