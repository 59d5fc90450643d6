import type { ComponentChildren } from 'preact';

/**
 * A table of the secretariat's pages: column headings, and rows (children) whose cells carry a
 * `data-label` — on a phone each row becomes a card, each cell labelled (the stylesheet's `.stack`).
 * `labelledBy` names the heading the table is about.
 */
export function StackTable({ columns, labelledBy, className, children }: { columns: readonly string[]; labelledBy?: string; className?: string; children: ComponentChildren }) {
  return (
    <table class={className ? `stack ${className}` : 'stack'} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
