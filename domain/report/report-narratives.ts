import type { TNarrative } from './annual-report-model';
import type { TReportSnapshot } from './report-snapshot';

/**
 * The narratives of the submissions the report uses (latest final or correction), by institution code,
 * attributed to who sent them and kept in the language received. Empty narratives are left out.
 */
export function reportNarratives(snapshot: TReportSnapshot): TNarrative[] {
  const names = new Map(snapshot.institutions.map((i) => [i.code, i.name]));
  return snapshot.requests.flatMap((request) => {
    const { current } = request;
    if (!current?.narrative?.trim()) return [];
    const name = names.get(request.institutionCode) ?? { es: request.institutionCode, en: request.institutionCode };
    return [
      {
        institutionCode: request.institutionCode,
        name: { 'es-MX': name.es, en: name.en },
        submittedBy: current.by,
        submittedAt: current.at,
        version: current.version,
        text: current.narrative,
      },
    ];
  });
}
