/**
 * SAT's status words as Finkok relays them, read into the port's values. SAT writes them with accents
 * ("Cancelado sin aceptación"); some services drop the accents or change the case, so they are compared
 * without either.
 */
import type { CancellationStatus, StatusResult } from '../port.js';

const CANCELLATION: readonly CancellationStatus[] = [
  'En proceso',
  'Cancelado sin aceptación',
  'Cancelado con aceptación',
  'Plazo vencido',
  'Solicitud rechazada',
];
const ESTADO: readonly StatusResult['estado'][] = ['Vigente', 'Cancelado', 'No Encontrado'];
const ES_CANCELABLE: readonly StatusResult['esCancelable'][] = [
  'Cancelable sin aceptación',
  'Cancelable con aceptación',
  'No cancelable',
];

function plain(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function pick<T extends string>(values: readonly T[], raw: string): T | undefined {
  const wanted = plain(raw);
  return values.find((value) => plain(value) === wanted);
}

/** '' stays ''; an unknown word is undefined (the caller reports a response it cannot read). */
export function cancellationStatus(raw: string): CancellationStatus | '' | undefined {
  return raw.trim() === '' ? '' : pick(CANCELLATION, raw);
}

export function estado(raw: string): StatusResult['estado'] | undefined {
  return pick(ESTADO, raw);
}

export function esCancelable(raw: string): StatusResult['esCancelable'] | undefined {
  return raw.trim() === '' ? '' : pick(ES_CANCELABLE, raw);
}
