import type { Locale } from '../../../domain/input-bounds';
import { Notice } from '../../components/notice';
import type { NavModel } from '../../components/secretariat-nav';
import { PageShell } from '../../page-shell';
import { dashboardText } from './dashboard-text';

/** `/dashboard/:year` just after opening: the cycle's workflow is still creating its requests. */
export function CycleOpeningPage(m: { lang: Locale; nav: NavModel; switchLanguageHref: string; year: number }) {
  const t = dashboardText(m.lang);
  return (
    <PageShell lang={m.lang} title={t.dashboardTitle(m.year)} switchLanguageHref={m.switchLanguageHref} nav={m.nav}>
      <p>
        <a href="/dashboard">← {t.cyclesTitle}</a>
      </p>
      <h1>{t.dashboardTitle(m.year)}</h1>
      <Notice kind="warning">{t.opening}</Notice>
      <p>
        <a class="button secondary" href={`/dashboard/${m.year}`}>
          {t.dashboardTitle(m.year)} ↻
        </a>
      </p>
    </PageShell>
  );
}
