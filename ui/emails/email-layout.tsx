import type { JSX } from 'preact';
import type { EmailBlock, EmailPart, Inline } from './email-model';

/**
 * Inline styles: email clients drop `<link>` stylesheets and often `<style>` too. The pages' colours
 * (guinda, gold), a system font, 16 px text, one column at most 640 px wide that narrows on a phone.
 */
const S = {
  body: { margin: '0', padding: '0', backgroundColor: '#f5f2ee' },
  sheet: {
    maxWidth: '640px',
    margin: '0 auto',
    padding: '16px',
    backgroundColor: '#ffffff',
    color: '#1b1b1b',
    fontFamily: 'Arial, Helvetica, sans-serif',
    fontSize: '16px',
    lineHeight: '1.5',
    overflowWrap: 'anywhere',
  },
  bar: { height: '6px', backgroundColor: '#611232', borderBottom: '3px solid #a57f2c', margin: '0 0 16px' },
  p: { margin: '0 0 12px' },
  a: { color: '#9d2449' },
  title: { margin: '16px 0 4px', fontWeight: 'bold' },
  facts: { borderCollapse: 'collapse', margin: '0 0 12px' },
  factLabel: { textAlign: 'left', verticalAlign: 'top', padding: '2px 12px 2px 0', fontWeight: 'bold' },
  factValue: { verticalAlign: 'top', padding: '2px 0', whiteSpace: 'pre-wrap' },
  ul: { margin: '0 0 12px', paddingLeft: '20px' },
  li: { margin: '0 0 8px' },
  detail: { color: '#4a4a4a', whiteSpace: 'pre-wrap' },
  quote: { margin: '0 0 12px', padding: '8px 12px', borderLeft: '4px solid #a57f2c', backgroundColor: '#f5f2ee', whiteSpace: 'pre-wrap' },
  pre: { margin: '0 0 12px', padding: '8px 12px', backgroundColor: '#f5f2ee', fontFamily: 'Menlo, Consolas, monospace', fontSize: '13px', whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
  hr: { border: '0', borderTop: '1px solid #c9c9c9', margin: '24px 0 12px' },
  separator: { margin: '0 0 16px', color: '#4a4a4a', fontStyle: 'italic' },
} satisfies Record<string, JSX.CSSProperties>;

function InlineContent({ content }: { content: readonly Inline[] }) {
  return (
    <>
      {content.map((piece) =>
        typeof piece === 'string' ? (
          piece
        ) : (
          <a href={piece.href} style={S.a}>
            {piece.href}
          </a>
        ),
      )}
    </>
  );
}

/** One part of a block (paragraph, facts, list, quote, commands), as the plain text says it. */
function Part({ part }: { part: EmailPart }) {
  switch (part.type) {
    case 'paragraph':
      return (
        <p style={S.p}>
          <InlineContent content={part.content} />
        </p>
      );
    case 'facts':
      return (
        <table style={S.facts}>
          <tbody>
            {part.rows.map((row) => (
              <tr>
                <th scope="row" style={S.factLabel}>
                  {row.label}:
                </th>
                <td style={S.factValue}>
                  <InlineContent content={row.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'list':
      return (
        <>
          <p style={S.title}>{part.title}</p>
          <ul style={S.ul}>
            {part.items.map((item) => (
              <li style={S.li}>
                {item.head}
                {item.lines.map((line) => (
                  <div style={S.detail}>{line}</div>
                ))}
              </li>
            ))}
          </ul>
        </>
      );
    case 'quote':
      return (
        <>
          <p style={S.title}>{part.title}</p>
          <div style={S.quote}>{part.text}</div>
        </>
      );
    case 'code':
      return (
        <>
          <p style={S.title}>{part.title}</p>
          <pre style={S.pre}>{part.code}</pre>
        </>
      );
  }
}

export interface EmailDocumentProps {
  /** The recipients' language first, the other below. */
  blocks: readonly EmailBlock[];
  /** Said between the blocks, in the first block's language ("— English version below —"). */
  separator: string;
}

/**
 * The one layout of every email: each language's block in a `<section lang>`, a rule and the separator
 * between them, inline styles only. Everything a person reads here is in the plain-text part too.
 */
export function EmailDocument({ blocks, separator }: EmailDocumentProps) {
  const [first] = blocks;
  return (
    <html lang={first.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{first.subject}</title>
      </head>
      <body style={S.body}>
        <div style={S.sheet}>
          <div style={S.bar} />
          {blocks.map((block, index) => (
            <>
              {index > 0 ? (
                <>
                  <hr style={S.hr} />
                  <p lang={first.lang} style={S.separator}>
                    {separator}
                  </p>
                </>
              ) : null}
              <section lang={block.lang}>
                {block.parts.map((part) => (
                  <Part part={part} />
                ))}
              </section>
            </>
          ))}
        </div>
      </body>
    </html>
  );
}
