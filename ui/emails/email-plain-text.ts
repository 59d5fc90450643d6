import type { EmailBlock, EmailPart, Inline } from './email-model';

/** Continuation lines of a multi-line value, indented under the line they belong to. */
const indentLines = (text: string, indent: string) => text.replace(/\n/g, `\n${indent}`);

/** A run of inline content as text: a link is its address (the HTML shows the same address). */
export const inlineText = (content: readonly Inline[]): string => content.map((piece) => (typeof piece === 'string' ? piece : piece.href)).join('');

function partText(part: EmailPart): string {
  switch (part.type) {
    case 'paragraph':
      return inlineText(part.content);
    case 'facts':
      return part.rows.map((row) => `${row.label}: ${indentLines(inlineText(row.value), '  ')}`).join('\n');
    case 'list':
      return [part.title, ...part.items.flatMap((item) => [`  • ${indentLines(item.head, '    ')}`, ...item.lines.map((line) => `      ${indentLines(line, '      ')}`)])].join('\n');
    case 'quote':
      return `${part.title}\n  ${indentLines(part.text, '  ')}`;
    case 'code':
      return `${part.title}\n    ${indentLines(part.code, '    ')}`;
  }
}

/**
 * The text/plain part of an email: each language's block, parts separated by a blank line, lists as
 * `  • ` items with their detail lines indented below, the blocks separated by the first language's
 * "other version below" line. Written from the same {@link EmailBlock}s as the HTML.
 */
export function emailPlainText(blocks: readonly EmailBlock[], separator: string): string {
  return blocks.map((block) => block.parts.map(partText).join('\n\n')).join(`\n\n${separator}\n\n`);
}
