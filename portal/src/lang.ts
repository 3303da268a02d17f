/** The language of an API answer: es-MX unless the request's Accept-Language prefers English. */
export type Lang = 'es' | 'en';

export function langOf(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}
