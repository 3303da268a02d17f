/** Dates and money as a Mexican merchant reads them: Mexico City time, es-MX or en-US formats. */
import type { Lang } from '../web/i18n.js';

const ZONE = 'America/Mexico_City';

export interface Formatters {
  date(iso: string | undefined): string;
  dateTime(iso: string | undefined): string;
  money(amount: string | undefined, currency?: string): string;
}

const made = new Map<Lang, Formatters>();

/** The formatters of a language, built once (Intl objects are costly to make, cheap to use). */
export function formatters(lang: Lang): Formatters {
  let found = made.get(lang);
  if (!found) {
    found = makeFormatters(lang);
    made.set(lang, found);
  }
  return found;
}

function makeFormatters(lang: Lang): Formatters {
  const locale = lang === 'en' ? 'en-US' : 'es-MX';
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    date: (iso) => (iso ? date.format(new Date(iso)) : '—'),
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : '—'),
    money(amount, currency = 'MXN') {
      if (amount === undefined) return '—';
      // Decimal strings are formatted by their digits, never through a float.
      const negative = amount.startsWith('-');
      const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      const cents = (fraction + '00').slice(0, Math.max(2, fraction.length));
      return `${negative ? '-' : ''}$${grouped}.${cents} ${currency}`;
    },
  };
}
