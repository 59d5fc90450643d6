import type { Locale } from '../../../domain/input-bounds';
import type { TCompliance } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';
import { instantText } from '../../report/report-text';
import { StackTable } from '../stack-table';

/** What else happened to one institution's request: extension, exemption, closing, corrections, undelivered emails. */
function ComplianceDetails({ row, lang }: { row: TCompliance; lang: Locale }) {
  const w = reportWords(lang);
  const { extension } = row;
  return (
    <ul class="plain-list">
      {extension ? (
        <li>
          {w.extension}:{' '}
          {w.extensionText(extension.requestedAt ? instantText(extension.requestedAt, lang) : '—', extension.requestedBy, extension.newDeadline, extension.decidedBy)}
        </li>
      ) : null}
      {row.exemptionReason ? (
        <li>
          {w.exemption}: <span dir="auto">{row.exemptionReason}</span>
        </li>
      ) : null}
      {row.closedReason ? (
        <li>
          {w.closed}: <span dir="auto">{row.closedReason}</span>
        </li>
      ) : null}
      {row.corrections.map((c) => (
        <li>
          {w.corrections}: {w.correctionText(c.version, instantText(c.at, lang), c.by)}
          {c.reason ? (
            <>
              {' — '}
              <span dir="auto">{c.reason}</span>
            </>
          ) : null}
        </li>
      ))}
      {row.undeliveredEmails.map((e) => (
        <li>
          {w.undelivered}: {instantText(e.at, lang)} · {e.kind} · {e.to.join(', ')}
          {e.error ? ` · ${e.error}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Section 3: the follow-up of commitments, one row per institution. */
export function ReportCompliance({ compliance, lang }: { compliance: readonly TCompliance[]; lang: Locale }) {
  const w = reportWords(lang);
  const columns = [w.institution, w.status, w.deadline, w.submittedAt, w.businessDaysLate, w.escalation, w.notes];
  return (
    <section aria-labelledby="compliance">
      <h2 id="compliance">{w.compliance}</h2>
      <div class="table-wrap">
        <StackTable columns={columns} labelledBy="compliance" className="report-compliance">
          {compliance.map((c) => (
            <tr id={`compliance-${c.institutionCode}`}>
              <td data-label={w.institution}>{c.name[lang]}</td>
              <td data-label={w.status}>
                <span class={`status c-${c.status}`}>{c.statusLabel[lang]}</span>
                <br />
                <span class="small">{c.text[lang]}</span>
              </td>
              <td data-label={w.deadline}>{instantText(c.deadline, lang)}</td>
              <td data-label={w.submittedAt}>{c.submittedAt ? instantText(c.submittedAt, lang) : '—'}</td>
              <td data-label={w.businessDaysLate} class="num">
                {c.businessDaysLate}
              </td>
              <td data-label={w.escalation} class="num">
                {c.highestEscalationLevel}
              </td>
              <td data-label={w.notes}>
                <ComplianceDetails row={c} lang={lang} />
              </td>
            </tr>
          ))}
        </StackTable>
      </div>
    </section>
  );
}
