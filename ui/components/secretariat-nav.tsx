import type { Locale } from '../../domain/input-bounds';
import type { Role } from '../../domain/roles';

/** The sections of the secretariat's and working group's pages. */
export type NavSection = 'dashboard' | 'institutions' | 'plan' | 'reviews' | 'holidays' | 'audit' | 'schedules' | 'people' | 'mail';

export interface NavModel {
  current?: NavSection;
  /** Who is signed in (name or email) and as what; absent for the open development mode. */
  who?: string;
  role: Role;
  /** The CSRF token of the sign-out form (absent: no sign-out button, e.g. open mode or a token). */
  csrfToken?: string;
  /** Sections shown: people and mail only to the secretariat (mail only when a catcher runs). */
  sections: readonly NavSection[];
}

const TEXT = {
  'es-MX': {
    label: 'Secciones',
    dashboard: 'Ciclos',
    institutions: 'Instituciones',
    plan: 'Plan',
    reviews: 'Revisión del plan',
    holidays: 'Días inhábiles',
    audit: 'Bitácora',
    schedules: 'Calendarios',
    people: 'Personas',
    mail: 'Correo de prueba',
    signOut: 'Salir',
    SECRETARIAT: 'Secretariado',
    WORKING_GROUP: 'Grupo de Trabajo',
  },
  en: {
    label: 'Sections',
    dashboard: 'Cycles',
    institutions: 'Institutions',
    plan: 'Plan',
    reviews: 'Plan review',
    holidays: 'Holidays',
    audit: 'Audit log',
    schedules: 'Schedules',
    people: 'People',
    mail: 'Mail catcher',
    signOut: 'Sign out',
    SECRETARIAT: 'Secretariat',
    WORKING_GROUP: 'Working group',
  },
} as const;

const HREF: Record<NavSection, string> = {
  dashboard: '/dashboard',
  institutions: '/institutions',
  plan: '/plan',
  reviews: '/reviews',
  holidays: '/holidays',
  audit: '/audit',
  schedules: '/schedules',
  people: '/people',
  mail: '/mail',
};

/** The signed-in header: sections (wrapping on a phone), who is signed in, and the sign-out button. */
export function SecretariatNav({ lang, nav }: { lang: Locale; nav: NavModel }) {
  const t = TEXT[lang];
  return (
    <nav class="site-nav" aria-label={t.label}>
      <ul>
        {nav.sections.map((section) => (
          <li key={section}>
            <a href={HREF[section]} aria-current={nav.current === section ? 'page' : undefined}>
              {t[section]}
            </a>
          </li>
        ))}
      </ul>
      <div class="who">
        <span>
          {nav.who ? `${nav.who} · ` : ''}
          {t[nav.role]}
        </span>
        {nav.csrfToken ? (
          <form method="post" action="/sign-out">
            <input type="hidden" name="_csrf" value={nav.csrfToken} />
            <button type="submit" class="link-button">
              {t.signOut}
            </button>
          </form>
        ) : null}
      </div>
    </nav>
  );
}
