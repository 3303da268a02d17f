/**
 * Two languages for HTML pages: es-MX (default) and English. The language is chosen by `?lang=en|es`
 * (remembered in the `af_lang` cookie for a year), then that cookie, then es. Messages live in
 * dictionaries registered per area (`addMessages`), so the portal and the dashboard each keep their own
 * file; a key registered twice is a programming error and throws at startup.
 */
import type { Context } from 'koa';

export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];
export const LANG_COOKIE = 'af_lang';

export type Dictionary = Record<string, string>;
/** `t('receipt.total', { amount: '$1,160.00' })` -> the message with `{amount}` replaced. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const registry: Record<Lang, Dictionary> = { es: {}, en: {} };

/** Registers an area's messages; both languages must have the same keys. */
export function addMessages(messages: { es: Dictionary; en: Dictionary }): void {
  const esKeys = Object.keys(messages.es).sort();
  const enKeys = Object.keys(messages.en).sort();
  const missing = esKeys.filter((k) => !(k in messages.en)).concat(enKeys.filter((k) => !(k in messages.es)));
  if (missing.length > 0) throw new Error(`i18n: keys without both languages: ${missing.join(', ')}`);
  for (const key of esKeys) {
    if (key in registry.es && registry.es[key] !== messages.es[key]) {
      throw new Error(`i18n: message key "${key}" is registered twice`);
    }
  }
  Object.assign(registry.es, messages.es);
  Object.assign(registry.en, messages.en);
}

/** True when `key` has a message (for callers that fall back to another text). */
export function hasMessage(key: string): boolean {
  return key in registry.es;
}

export function translator(lang: Lang): Translate {
  const dictionary = registry[lang];
  return (key, params) => {
    const text = dictionary[key] ?? registry.es[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

function asLang(value: unknown): Lang | undefined {
  return value === 'es' || value === 'en' ? value : undefined;
}

/** The request's language; a `?lang=` switch is remembered in a cookie. */
export function resolveLang(ctx: Context): Lang {
  const asked = asLang(ctx.query.lang);
  if (asked) {
    ctx.cookies.set(LANG_COOKIE, asked, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      maxAge: 365 * 24 * 3600 * 1000,
      overwrite: true,
    });
    return asked;
  }
  return asLang(ctx.cookies.get(LANG_COOKIE)) ?? 'es';
}

/** The current URL with `lang` set, for the language switch link. */
export function urlWithLang(ctx: Context, lang: Lang): string {
  const params = new URLSearchParams(ctx.querystring);
  params.set('lang', lang);
  return `${ctx.path}?${params.toString()}`;
}
