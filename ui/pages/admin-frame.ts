import type { Locale } from '../../domain/input-bounds';
import type { FormError } from '../components/error-summary';
import type { NavModel } from '../components/secretariat-nav';

/**
 * What every secretariat / working-group page receives about its reader (api/pages/page-context.ts gives
 * it): language, navigation, the language switch, whether forms are shown, and their CSRF token.
 */
export interface AdminFrame {
  lang: Locale;
  nav: NavModel;
  switchLanguageHref: string;
  /** The reader may act: forms and buttons are shown (the secretariat); else the page only reads. */
  canAct: boolean;
  /** The token every form carries (`_csrf`). */
  csrfToken: string;
}

/** A message at the top of a page after a form was accepted (post-redirect-get's `?notice=`). */
export interface PageNotice {
  kind: 'ok' | 'warning' | 'error';
  text: string;
}

/**
 * One form's values as sent (shown back after a refusal), its errors by field name (shown beside each
 * input) and the same errors linked for the page's summary.
 */
export interface FormState<F extends string> {
  values: Record<F, string>;
  fieldErrors: Partial<Record<F, string>>;
  errors: FormError[];
}
