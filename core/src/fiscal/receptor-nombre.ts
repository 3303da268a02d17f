/**
 * Receptor Nombre in CFDI 4.0 must be the name exactly as in the Constancia de Situación Fiscal, which
 * SAT registers without the régimen de capital ("S.A. DE C.V."). A name ending in one is rejected by
 * the PAC (CFDI40145), so we catch it before: this module finds such a suffix however it is punctuated.
 */
import type { FiscalIssue } from './issue.js';

/** Suffixes after normalising: uppercase, no accents or punctuation, runs of single letters joined. */
const SUFFIXES: string[][] = [
  'S DE RL',
  'S DE RI',
  'S DE RS',
  'S DE SS',
  'S DE PR DE RL',
  'S DE PR DE RI',
  'SA',
  'SAB',
  'SAPI',
  'SAPIB',
  'SAS',
  'SRL',
  'SC',
  'SCP',
  'SCL',
  'SCS',
  'AC',
  'IAP',
  'ABP',
  'SPR',
  'SNC',
  'DE CV',
  'DE RL',
  'DE RI',
  'DE RS',
  'DE SS',
  'S EN C',
  'S EN CS',
  'S EN NC',
  'S EN NC DE CV',
  'SOFOM ENR',
  'SOFOM ER',
].map((s) => s.split(' '));

const ACCENTS = /[\u0300-\u036f]/g;
const PUNCTUATION = /[.,;]/g;
const SPACES = /\s+/;

export interface RegimenCapital {
  /** The suffix as written at the end of the name, e.g. "S.A. de C.V.". */
  suffix: string;
  /** The name with the suffix (and trailing punctuation) removed: what the merchant should write. */
  nameWithout: string;
}

/** Trims and collapses whitespace; SAT compares names in uppercase, so this uppercases too. */
export function normalizeReceptorNombre(nombre: string): string {
  return nombre.trim().split(SPACES).join(' ').toUpperCase();
}

interface Token {
  word: string;
  start: number;
  /** Made only of one-letter words (so a following one-letter word joins it). */
  letters: boolean;
}

const WORD = /\S+/g;

/** Splits into words with their start offsets, then joins runs of one-letter words (S A -> SA). */
function tokens(nombre: string): Token[] {
  const clean = nombre.normalize('NFD').replace(ACCENTS, '').toUpperCase().replace(PUNCTUATION, ' ');
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(clean); m !== null; m = WORD.exec(clean)) {
    const word = m[0];
    const last = out[out.length - 1];
    if (word.length === 1 && last?.letters) last.word += word;
    else out.push({ word, start: m.index, letters: word.length === 1 });
  }
  return out;
}

const CACHE_LIMIT = 2048;
const cache = new Map<string, RegimenCapital | null>();

/** Finds a régimen de capital at the end of the name, the longest match first. Answers are cached. */
export function findRegimenCapital(nombre: string): RegimenCapital | undefined {
  const cached = cache.get(nombre);
  if (cached !== undefined) return cached ?? undefined;
  const found = searchRegimenCapital(nombre);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(nombre, found === undefined ? null : Object.freeze(found));
  return found;
}

function searchRegimenCapital(nombre: string): RegimenCapital | undefined {
  const words = tokens(nombre);
  let cut = -1;
  // Strip suffixes repeatedly: "SA DE CV" is "SA" + "DE CV"; "SAPI DE CV SOFOM ENR" is three.
  let end = words.length;
  for (let matched = true; matched && end > 1; ) {
    matched = false;
    for (const suffix of SUFFIXES) {
      const start = end - suffix.length;
      if (start < 1) continue;
      if (suffix.every((w, i) => words[start + i]?.word === w)) {
        end = start;
        cut = start;
        matched = true;
        break;
      }
    }
  }
  if (cut === -1) return undefined;
  const offset = words[cut]?.start ?? nombre.length;
  return {
    suffix: nombre.slice(offset).trim(),
    nameWithout: nombre.slice(0, offset).replace(/[\s,.;]+$/, ''),
  };
}

export function checkReceptorNombre(nombre: string): FiscalIssue[] {
  const found = findRegimenCapital(nombre);
  if (found === undefined) return [];
  return [
    {
      code: 'RECEPTOR_NOMBRE_REGIMEN_CAPITAL',
      severity: 'error',
      message: `Escribe el nombre del receptor tal como aparece en su Constancia de Situación Fiscal, sin el régimen capital "${found.suffix}": "${found.nameWithout}".`,
      messageEn: `Write the receptor's name as it appears in their Constancia de Situación Fiscal, without the capital regime "${found.suffix}": "${found.nameWithout}".`,
    },
  ];
}
