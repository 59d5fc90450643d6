import type { Locale } from '../../../domain/input-bounds';

const es = {
  title: (year: number) => `Informe anual ${year}`,
  back: (year: number) => `Volver al ciclo ${year}`,
  intro:
    'El informe se compila a partir del registro del ciclo: al terminar todas las solicitudes se compila solo (versión 1, borrador), y el secretariado puede compilar otra versión en cualquier momento. Cada versión queda fija; publicar una la envía al Grupo de Trabajo.',
  none: 'Aún no hay versiones del informe de este ciclo.',
  openRequests: (n: number, codes: string) => `${n} solicitud(es) siguen abiertas (${codes}): una versión compilada ahora las muestra como abiertas.`,
  compile: 'Compilar una versión nueva',
  compileHint: 'Compila un borrador con los datos registrados hasta ahora. Si nada cambió desde la última versión, no se crea otra.',
  versions: 'Versiones',
  columns: ['Versión', 'Estado', 'Compilada', 'Datos', 'Descargas', 'Acciones'],
  status: { DRAFT: 'borrador', PUBLISHED: 'publicada', SUPERSEDED: 'sustituida' } as Record<string, string>,
  outdated: 'desactualizada: llegaron datos después',
  by: (who: string) => `por ${who}`,
  snapshot: (hash: string) => `instantánea ${hash.slice(0, 12)}…`,
  openAtCompile: (n: number) => `${n} abiertas al compilar`,
  publish: 'Publicar al Grupo de Trabajo',
  publishLabel: (v: number) => `Publicar al Grupo de Trabajo la versión ${v}`,
  published: (when: string, who: string) => `publicada el ${when} por ${who}`,
  language: { 'es-MX': 'español', en: 'inglés' } as Record<string, string>,
  notices: {
    compiled: 'Se compiló una versión nueva del informe.',
    unchanged: 'Nada cambió desde la última versión: no se creó otra.',
    compiling: 'El informe se está compilando; vuelva a cargar la página en un momento.',
    published: 'La versión quedó publicada y se envió al Grupo de Trabajo.',
    publishing: 'La versión se está publicando; vuelva a cargar la página en un momento.',
  } as Record<string, string>,
};

const en: typeof es = {
  title: (year) => `${year} annual report`,
  back: (year) => `Back to the ${year} cycle`,
  intro:
    'The report is compiled from the cycle\'s record: when every request has ended it compiles itself (version 1, a draft), and the secretariat may compile another version at any time. Each version is fixed; publishing one sends it to the working group.',
  none: 'This cycle has no report version yet.',
  openRequests: (n, codes) => `${n} request(s) are still open (${codes}): a version compiled now shows them as open.`,
  compile: 'Compile a new version',
  compileHint: 'Compiles a draft from the data recorded so far. If nothing changed since the latest version, none is made.',
  versions: 'Versions',
  columns: ['Version', 'Status', 'Compiled', 'Data', 'Downloads', 'Actions'],
  status: { DRAFT: 'draft', PUBLISHED: 'published', SUPERSEDED: 'superseded' },
  outdated: 'outdated: data arrived since',
  by: (who) => `by ${who}`,
  snapshot: (hash) => `snapshot ${hash.slice(0, 12)}…`,
  openAtCompile: (n) => `${n} open when compiled`,
  publish: 'Publish to the working group',
  publishLabel: (v) => `Publish to the working group version ${v}`,
  published: (when, who) => `published on ${when} by ${who}`,
  language: { 'es-MX': 'Spanish', en: 'English' },
  notices: {
    compiled: 'A new version of the report was compiled.',
    unchanged: 'Nothing changed since the latest version: none was made.',
    compiling: 'The report is being compiled; reload the page in a moment.',
    published: 'The version is published and was sent to the working group.',
    publishing: 'The version is being published; reload the page in a moment.',
  },
};

/** The words of the report versions page. */
export const reportVersionsText = (lang: Locale) => (lang === 'en' ? en : es);
