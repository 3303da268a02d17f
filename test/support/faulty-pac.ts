/**
 * An outage in front of a real PAC (the sandbox): while `outage` is set, calls fail the way a real PAC
 * fails — a 5xx-class error or no answer in time (the request may even have reached the PAC: with
 * `reachesPac` the stamp happens and only the answer is lost). `rejectWith` makes the next stamps fail
 * for good (a PAC's permanent rejection). Everything else goes to the wrapped PAC unchanged.
 */
import type { Pac, StampResult } from '../../core/src/pac/port.js';
import { PacError } from '../../core/src/pac/port.js';

export interface FaultyPac extends Pac {
  outage: false | 'error' | 'timeout';
  /** During a timeout outage, stamp at the PAC and then lose the answer. */
  reachesPac: boolean;
  timeoutMs: number;
  /** PAC code of a permanent rejection for the next `count` stamps. */
  rejectWith(code: string, count?: number): void;
  readonly calls: { stamp: number; failed: number; rejected: number };
}

export function faultyPac(inner: Pac): FaultyPac {
  let rejection: { code: string; left: number } | undefined;
  const calls = { stamp: 0, failed: 0, rejected: 0 };
  const unavailable = () =>
    new PacError({
      pac: inner.name,
      code: 'PAC_UNAVAILABLE',
      retriable: true,
      message: 'El PAC no está disponible (503). Se reintentará.',
      messageEn: 'The PAC is unavailable (503). It will be retried.',
    });
  const timeout = (ms: number) =>
    new PacError({
      pac: inner.name,
      code: 'PAC_TIMEOUT',
      retriable: true,
      message: `El PAC no respondió en ${ms} ms.`,
      messageEn: `The PAC did not answer within ${ms} ms.`,
    });
  const pac: FaultyPac = {
    name: inner.name,
    outage: false,
    reachesPac: false,
    timeoutMs: 20,
    calls,
    rejectWith(code, count = 1) {
      rejection = { code, left: count };
    },
    async stamp(sealedXml: string): Promise<StampResult> {
      calls.stamp++;
      if (rejection && rejection.left > 0) {
        rejection.left--;
        calls.rejected++;
        throw new PacError({
          pac: inner.name,
          code: rejection.code,
          retriable: false,
          message: `El PAC rechazó el CFDI (${rejection.code}).`,
          messageEn: `The PAC rejected the CFDI (${rejection.code}).`,
        });
      }
      if (pac.outage === 'error') {
        calls.failed++;
        throw unavailable();
      }
      if (pac.outage === 'timeout') {
        calls.failed++;
        if (pac.reachesPac) await inner.stamp(sealedXml);
        await new Promise((resolve) => setTimeout(resolve, pac.timeoutMs));
        throw timeout(pac.timeoutMs);
      }
      return inner.stamp(sealedXml);
    },
    async cancel(request) {
      if (pac.outage) throw unavailable();
      return inner.cancel(request);
    },
    async status(request) {
      if (pac.outage) throw unavailable();
      return inner.status(request);
    },
  };
  return pac;
}
