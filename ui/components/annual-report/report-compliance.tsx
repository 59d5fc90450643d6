import type { Locale } from '../../../domain/input-bounds';
import { formatNumber } from '../../../domain/goal-target-text';
import { ComplianceStatus, type TCompliance, type TReportDigest } from '../../../domain/report/annual-report-model';
import { COMPLIANCE_STATUS_LABELS, reportWords } from '../../report/report-labels';
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

/** At scale: compliance counted by institution kind × status, with a line for all kinds. */
export function ComplianceByKind({ digest, lang }: { digest: TReportDigest; lang: Locale }) {
  const w = reportWords(lang);
  const statuses = Object.values(ComplianceStatus);
  const rows = [...digest.complianceByKind.map((k) => ({ label: k.label[lang], institutions: k.institutions, byStatus: k.byStatus })), { label: w.allKinds, institutions: digest.institutions, byStatus: digest.complianceByStatus }];
  return (
    <div class="table-wrap">
      <StackTable columns={[w.kind, w.institutions, ...statuses.map((s) => COMPLIANCE_STATUS_LABELS[s][lang])]} className="report-compliance-by-kind">
        {rows.map((r) => (
          <tr>
            <td data-label={w.kind}>{r.label}</td>
            <td data-label={w.institutions} class="num">
              {formatNumber(r.institutions, lang)}
            </td>
            {statuses.map((s) => (
              <td data-label={COMPLIANCE_STATUS_LABELS[s][lang]} class="num">
                {formatNumber(r.byStatus[s], lang)}
              </td>
            ))}
          </tr>
        ))}
      </StackTable>
    </div>
  );
}

/** "… and N more", when a capped list left some out. */
export function AndMore({ more, lang }: { more: number; lang: Locale }) {
  return more > 0 ? <p class="small">{reportWords(lang).andMore(formatNumber(more, lang))}</p> : null;
}

/**
 * Section 3: the follow-up of commitments, one row per institution; at scale (a digest), the counts by
 * kind × status and the rows of the institutions needing attention only, capped.
 */
export function ReportCompliance({ compliance, digest, lang }: { compliance: readonly TCompliance[]; digest?: TReportDigest | null; lang: Locale }) {
  const w = reportWords(lang);
  const columns = [w.institution, w.status, w.deadline, w.submittedAt, w.businessDaysLate, w.escalation, w.notes];
  const rows = digest ? digest.complianceAttention.items : compliance;
  return (
    <section aria-labelledby="compliance">
      <h2 id="compliance">{w.compliance}</h2>
      {digest ? (
        <>
          <h3>{w.byKindAndStatus}</h3>
          <ComplianceByKind digest={digest} lang={lang} />
          <h3>{w.needAttention}</h3>
        </>
      ) : null}
      <div class="table-wrap">
        <StackTable columns={columns} labelledBy="compliance" className="report-compliance">
          {rows.map((c) => (
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
      {digest ? <AndMore more={digest.complianceAttention.more} lang={lang} /> : null}
    </section>
  );
}
