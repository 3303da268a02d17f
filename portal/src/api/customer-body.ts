/** Bodies of POST/PATCH /v1/customers (snake_case) -> core's CustomerInput. */
import type { CustomerInput } from '../../../core/src/automation/api-use-cases.js';
import type { FiscalData } from '../../../core/src/store/types.js';
import { type Json, onlyFields, optionalObject, optionalString } from './body.js';

const FISCAL: [string, keyof FiscalData][] = [
  ['rfc', 'rfc'],
  ['name', 'name'],
  ['tax_regime', 'taxRegime'],
  ['zip', 'zip'],
  ['cfdi_use', 'cfdiUse'],
  ['country', 'country'],
  ['tax_id', 'taxId'],
];

export function fiscalInput(json: Json | undefined, prefix = 'fiscal.'): Partial<FiscalData> | undefined {
  if (!json) return undefined;
  onlyFields(
    json,
    FISCAL.map(([from]) => from),
    prefix,
  );
  const out: Partial<FiscalData> = {};
  for (const [from, to] of FISCAL) {
    const value = optionalString(json, from, `${prefix}${from}`);
    if (value !== undefined) out[to] = value;
  }
  return out;
}

export function customerInput(json: Json): CustomerInput {
  onlyFields(json, ['email', 'name', 'external_id', 'fiscal']);
  const email = optionalString(json, 'email');
  const name = optionalString(json, 'name');
  const externalId = optionalString(json, 'external_id');
  const fiscal = fiscalInput(optionalObject(json, 'fiscal'));
  return {
    ...(email !== undefined ? { email } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    ...(fiscal ? { fiscal } : {}),
  };
}
