/**
 * An actor or an address that may break where a person would break it on a narrow screen: after a `:`
 * (`secretariat:` | `ana@sre.gob.mx`) and before an `@` (`ana` | `@sre.gob.mx`), rather than anywhere.
 */
export function BreakableText({ text }: { text: string }) {
  const parts = text.split(/(?<=:)|(?=@)/);
  return (
    <>
      {parts.map((part, i) => (
        <>
          {i ? <wbr /> : null}
          {part}
        </>
      ))}
    </>
  );
}
