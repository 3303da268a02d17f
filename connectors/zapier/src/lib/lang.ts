/**
 * The language of messages: Spanish (Mexico) unless the connection chose English (`language: 'en'`).
 * The server answers in the same language (Accept-Language), so its errors and ours agree.
 */
import type { Bundle } from 'zapier-platform-core';

export const isEnglish = (bundle: Pick<Bundle, 'authData'> | undefined) =>
  String(bundle?.authData?.language ?? '').toLowerCase() === 'en';

export const say = (bundle: Pick<Bundle, 'authData'> | undefined, es: string, en: string) =>
  isEnglish(bundle) ? en : es;
