import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readValidRequest } from '../../../core/src/cfdi/request/fast-path.js';
import { invoiceRequestSchema } from '../../../core/src/cfdi/request/schema.js';
import { invoiceRequest } from '../../support/random-requests.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261204);

// biome-ignore lint/suspicious/noExplicitAny: mutations reshape free-form request JSON
type Json = any;

/** Values zod must judge: wrong types, padding, case, exponents, too many decimals, other enum members. */
const ODD_VALUES: Json[] = [
  undefined,
  null,
  '',
  '   ',
  ' 7 ',
  'abc',
  -1,
  0,
  1.5,
  2026,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '1e3',
  '-0',
  '0.0000001',
  ' 0.16 ',
  true,
  {},
  [],
  ' 01 ',
  'g03',
  'mxn',
  '0.16',
  '16',
  '100.1234567',
  'Exento',
  'Cuota',
  'ISR',
  'IEPS',
  'PPD',
  'XXX',
  'USD',
  '99',
  '02',
  '03',
  '01',
  'x'.repeat(1001),
  'con|pipe',
];

/** One random change somewhere in a request: a value replaced, a key removed, an unknown key added. */
function mutation(request: Json): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(ODD_VALUES.length - 1), fc.nat(3))
    .map(([steps, valueIndex, action]) => mutate(request, steps, ODD_VALUES[valueIndex], action));
}

function mutate(node: Json, steps: number[], value: Json, action: number): Json {
  if (node === null || typeof node !== 'object') return value;
  const copy: Json = Array.isArray(node) ? [...node] : { ...node };
  const keys = Object.keys(copy);
  const [step = 0, ...rest] = steps;
  if (keys.length === 0 || (rest.length === 0 && action === 3)) {
    if (Array.isArray(copy)) copy.push(value);
    else copy.extra_field = value;
    return copy;
  }
  const key = keys[step % keys.length] as string;
  if (rest.length === 0 && action === 2 && !Array.isArray(copy)) delete copy[key];
  else copy[key] = mutate(copy[key], rest, value, action);
  return copy;
}

describe('invoice request fast path (#2)', () => {
  it('reads every valid random request exactly as the zod schema does', () => {
    fc.assert(
      fc.property(invoiceRequest, (request) => {
        const fast = readValidRequest(request);
        assert.notEqual(fast, undefined, 'a valid request should not need zod');
        assert.deepStrictEqual(fast, invoiceRequestSchema.parse(request));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('accepts a mutated request only when zod accepts it, with the same result', () => {
    let fastAccepted = 0;
    let zodRefused = 0;
    fc.assert(
      fc.property(invoiceRequest.chain(mutation), (request) => {
        const fast = readValidRequest(request);
        const zod = invoiceRequestSchema.safeParse(request);
        if (!zod.success) zodRefused++;
        if (fast === undefined) return;
        fastAccepted++;
        assert.ok(
          zod.success,
          `zod refuses what the fast path accepted: ${JSON.stringify(zod.error?.issues)}`,
        );
        assert.deepStrictEqual(fast, zod.data);
      }),
      { numRuns: 3000, seed: SEED },
    );
    // Both kinds of outcome must occur, or the mutations test nothing.
    assert.ok(fastAccepted > 100, `only ${fastAccepted} mutated requests were valid`);
    assert.ok(zodRefused > 1000, `only ${zodRefused} mutated requests were invalid`);
  });

  it('leaves to zod a key given as undefined and an object with a prototype of its own', () => {
    const [request] = fc.sample(invoiceRequest, { numRuns: 1, seed: SEED }) as Json[];
    assert.notEqual(readValidRequest(request), undefined);
    assert.equal(readValidRequest({ ...request, series: undefined }), undefined);
    assert.equal(readValidRequest(Object.assign(Object.create({ inherited: 1 }), request)), undefined);
  });
});
