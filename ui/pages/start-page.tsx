import type { Locale } from '../../domain/input-bounds';
import { PageShell } from '../page-shell';

export interface StartPageModel {
  lang: Locale;
  /** Development tools, shown when they run: the local mail catcher, the Temporal Web UI. */
  links: { mail?: string; temporalUi?: string; docs?: string };
  switchLanguageHref: string;
}

const TEXT = {
  'es-MX': {
    title: 'Seguimiento del PNA-1325',
    intro: 'Este servicio lleva el ciclo de seguimiento del Plan Nacional de Acción 1325 (Mujeres, Paz y Seguridad): cada año solicita a cada institución la información de sus indicadores, envía recordatorios, escala los retrasos, recibe prórrogas y correcciones, y conserva todo para el informe anual.',
    contacts: 'Personas de enlace de las instituciones',
    contactsText: 'Responda desde el enlace personal que recibió por correo: no necesita cuenta. Si su enlace venció, ábralo de todos modos: la página le permite pedir uno nuevo.',
    secretariat: 'Secretariado y Grupo de Trabajo',
    secretariatText: 'Entre con el enlace de un solo uso que le enviamos por correo (no hay contraseñas). El secretariado abre los ciclos, sigue el tablero de cada uno, decide prórrogas y administra instituciones, contactos, días inhábiles y personas; el Grupo de Trabajo consulta los tableros, las respuestas, el plan y la bitácora.',
    signIn: 'Entrar',
    dashboard: 'Ir a los ciclos',
    apiText: 'Para programas: la API está descrita en OpenAPI 3.1.',
    tools: 'Herramientas de desarrollo',
    mail: 'Buzón de pruebas (correos enviados)',
    temporal: 'Temporal Web UI (flujos de trabajo)',
    docs: 'Documentación de la API',
  },
  en: {
    title: 'NAP-1325 monitoring',
    intro: 'This service runs the monitoring cycle of the National Action Plan 1325 (Women, Peace and Security): every year it asks each institution for its indicators, sends reminders, escalates late answers, takes extensions and corrections, and keeps everything for the annual report.',
    contacts: "Institutions' liaison contacts",
    contactsText: 'Answer from the personal link you received by email: no account is needed. If your link has expired, open it anyway: the page lets you ask for a new one.',
    secretariat: 'Secretariat and working group',
    secretariatText: 'Sign in with the one-time link we email you (no passwords). The secretariat opens cycles, follows each one on its dashboard, decides extensions and manages institutions, contacts, holidays and people; the working group reads the dashboards, the answers, the plan and the audit log.',
    signIn: 'Sign in',
    dashboard: 'Go to the cycles',
    apiText: 'For programs: the API is described in OpenAPI 3.1.',
    tools: 'Development tools',
    mail: 'Mail catcher (emails sent)',
    temporal: 'Temporal Web UI (workflows)',
    docs: 'API documentation',
  },
} as const;

/** `GET /`: what this service is, for whom, the way in (sign-in, the cycles), the API's documentation, and (in development) links to the mail catcher and Temporal's UI. */
export function StartPage(m: StartPageModel) {
  const t = TEXT[m.lang];
  const tools: { href: string; text: string }[] = [];
  if (m.links.mail) tools.push({ href: m.links.mail, text: t.mail });
  if (m.links.temporalUi) tools.push({ href: m.links.temporalUi, text: t.temporal });
  return (
    <PageShell lang={m.lang} title={t.title} switchLanguageHref={m.switchLanguageHref}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <h2>{t.contacts}</h2>
      <p>{t.contactsText}</p>
      <h2>{t.secretariat}</h2>
      <p>{t.secretariatText}</p>
      <p class="actions">
        <a class="button" href={`/sign-in?lang=${m.lang}`}>
          {t.signIn}
        </a>{' '}
        <a href="/dashboard">{t.dashboard}</a>
      </p>
      {m.links.docs ? (
        <p>
          {t.apiText} <a href={m.links.docs}>{t.docs}</a>
        </p>
      ) : null}
      {tools.length ? (
        <>
          <h2>{t.tools}</h2>
          <ul>
            {tools.map((l) => (
              <li>
                <a href={l.href}>{l.text}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </PageShell>
  );
}
