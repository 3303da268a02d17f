/**
 * The subject of a SAT certificate as node:crypto prints it: one `name=value` per line, values escaped as
 * in RFC 2253 (`\,` `\ ` and `\XX` hex for control characters), non-ASCII text as UTF-8.
 * SAT puts the RFC in x500UniqueIdentifier ("RFC" or "RFC / RFC of the legal representative") and the
 * registered name in `name`.
 */
export interface SubjectFields {
  rfc: string;
  legalName: string;
}

function unescapeRfc2253(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, escaped: string) =>
    escaped.length === 2 ? String.fromCharCode(Number.parseInt(escaped, 16)) : escaped,
  );
}

export function subjectFields(subject: string): SubjectFields {
  const fields = new Map<string, string>();
  for (const line of subject.split('\n')) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals);
    if (!fields.has(key)) fields.set(key, unescapeRfc2253(line.slice(equals + 1)));
  }
  const uniqueIdentifier = (fields.get('x500UniqueIdentifier') ?? '').trim();
  return {
    rfc: uniqueIdentifier.split('/')[0]!.trim(),
    legalName: (fields.get('name') ?? fields.get('CN') ?? '').trim(),
  };
}
