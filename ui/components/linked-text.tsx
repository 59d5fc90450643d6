/** `http(s)://…` up to whitespace or a character that cannot end a link in running text. */
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

/**
 * Plain text with its web addresses made links (http and https only: nothing else can run), for a text
 * shown as it is, in a `<pre>` (an email's text part). Everything else stays text, escaped by preact.
 */
export function LinkedText({ text }: { text: string }) {
  const pieces: (string | { href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    pieces.push(text.slice(last, match.index));
    pieces.push({ href: match[0] });
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return (
    <>
      {pieces.map((piece) =>
        typeof piece === 'string' ? (
          piece
        ) : (
          <a href={piece.href} rel="noreferrer">
            {piece.href}
          </a>
        ),
      )}
    </>
  );
}
