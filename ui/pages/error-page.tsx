import type { Locale } from '../../domain/input-bounds';
import type { NavModel } from '../components/secretariat-nav';
import { PageShell } from '../page-shell';

export interface ErrorPageModel {
  lang: Locale;
  status: number;
  /** What went wrong, in the reader's language. */
  detail: string;
  /** Failing fields, when a form's values were refused and no page could show them in place. */
  errors?: readonly { field: string; message: string }[];
  requestId?: string;
  switchLanguageHref?: string;
  nav?: NavModel;
}

const TEXT = {
  'es-MX': {
    400: 'Solicitud no válida',
    401: 'Necesita entrar',
    403: 'No está permitido',
    404: 'No se encontró',
    409: 'No se pudo hacer ahora',
    429: 'Demasiadas solicitudes',
    500: 'Error interno',
    503: 'Servicio no disponible por el momento',
    other: 'No se pudo completar',
    back: 'Volver a los ciclos',
    home: 'Ir al inicio',
    id: 'Referencia de la solicitud',
  },
  en: {
    400: 'Invalid request',
    401: 'You need to sign in',
    403: 'Not allowed',
    404: 'Not found',
    409: 'Could not be done now',
    429: 'Too many requests',
    500: 'Internal error',
    503: 'Service unavailable for now',
    other: 'Could not be completed',
    back: 'Back to the cycles',
    home: 'Go to the start page',
    id: 'Request reference',
  },
} as const;

/** A refusal or failure on a secretariat page, in the reader's language, with a way back. */
export function ErrorPage(m: ErrorPageModel) {
  const t = TEXT[m.lang];
  const title = (t as Record<string | number, string>)[m.status] ?? t.other;
  return (
    <PageShell lang={m.lang} title={title} switchLanguageHref={m.switchLanguageHref} nav={m.nav}>
      <h1>{title}</h1>
      <div class="notice error" role="alert">
        <p>{m.detail}</p>
        {m.errors?.length ? (
          <ul>
            {m.errors.map((e) => (
              <li key={e.field}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {m.requestId ? (
        <p class="muted">
          {t.id}: <code>{m.requestId}</code>
        </p>
      ) : null}
      <p class="actions">
        <a class="button secondary" href={m.nav ? '/dashboard' : '/'}>
          {m.nav ? t.back : t.home}
        </a>
      </p>
    </PageShell>
  );
}
