import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** A page component as the HTML document a browser receives (escaping is preact's). */
export function renderPage(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
