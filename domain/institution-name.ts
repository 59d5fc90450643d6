/** "Secretaría de Marina (SEMAR)": the institution's name with its code, unless the name already carries it. */
export function withCode(name: string, code: string): string {
  return name.includes(`(${code})`) ? name : `${name} (${code})`;
}
