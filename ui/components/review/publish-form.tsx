import type { Locale } from '../../../domain/input-bounds';
import type { PublishFormError } from '../../pages/reviews-model';
import { reviewsText } from '../../pages/reviews-text';
import { describedBy, Field } from '../field';
import { PostForm } from '../post-form';

/** Publishing the plan's next version: adoption date, an explicit crosswalk for splits and merges, a note. */
export function PublishForm({ lang, action, csrfToken, error }: { lang: Locale; action: string; csrfToken: string; error?: PublishFormError }) {
  const t = reviewsText(lang);
  const v = (f: string) => error?.values[f] ?? '';
  const e = (f: string) => error?.fieldErrors[f];
  return (
    <PostForm id="publish" title={t.publishTitle} action={action} csrfToken={csrfToken} submit={t.publish}>
      <p>{t.publishHint}</p>
      <Field id="publish-adopted-on" label={t.adoptedOn} error={e('adoptedOn')}>
        <input type="text" id="publish-adopted-on" name="adoptedOn" inputMode="numeric" maxLength={10} value={v('adoptedOn')} aria-describedby={describedBy('publish-adopted-on', { error: e('adoptedOn') })} />
      </Field>
      <Field id="publish-crosswalk" label={t.crosswalkJson} hint={t.crosswalkJsonHint} error={e('crosswalk')}>
        <textarea id="publish-crosswalk" name="crosswalk" rows={4} maxLength={200000} class="mono" aria-describedby={describedBy('publish-crosswalk', { hint: true, error: e('crosswalk') })}>
          {v('crosswalk')}
        </textarea>
      </Field>
      <Field id="publish-note" label={t.publishNote} error={e('note')}>
        <textarea id="publish-note" name="note" rows={2} maxLength={2000}>
          {v('note')}
        </textarea>
      </Field>
    </PostForm>
  );
}
