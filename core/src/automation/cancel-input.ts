/** The input of cancelInvoice: SAT's motive (c_MotivoCancelacion) and, with 01, the replacing UUID. */
import { detail, invalid } from './errors.js';

export type CancelMotive = '01' | '02' | '03' | '04';
export interface CancelInvoiceInput {
  motive: CancelMotive;
  replacementUuid?: string;
}

const MOTIVES = ['01', '02', '03', '04'];
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

export function checkCancelInput(input: CancelInvoiceInput): void {
  if (!MOTIVES.includes(input.motive)) {
    throw invalid(
      [
        detail(
          'CANCEL_MOTIVE_INVALID',
          'motive',
          'El motivo de cancelación debe ser "01" (con errores, con relación), "02" (con errores, sin relación), "03" (no se llevó a cabo la operación) o "04" (operación nominativa en una factura global).',
          'The cancellation motive must be "01" (errors, with a replacement), "02" (errors, no replacement), "03" (the operation did not happen) or "04" (nominative operation in a factura global).',
        ),
      ],
      400,
    );
  }
  const uuid = input.replacementUuid;
  if (input.motive === '01' && (!uuid || !UUID.test(uuid))) {
    throw invalid(
      [
        detail(
          'CANCEL_REPLACEMENT_REQUIRED',
          'replacementUuid',
          'Con el motivo 01 indica el folio fiscal (UUID de 36 caracteres) de la factura que sustituye a esta; emítela antes con la relación 04.',
          'With motive 01 give the folio fiscal (36-character UUID) of the invoice that replaces this one; issue it first with relationship 04.',
        ),
      ],
      400,
    );
  }
  if (input.motive !== '01' && uuid !== undefined) {
    throw invalid(
      [
        detail(
          'CANCEL_REPLACEMENT_NOT_ALLOWED',
          'replacementUuid',
          'El folio de sustitución solo va con el motivo 01; quítalo o usa el motivo 01.',
          'A replacement UUID goes only with motive 01; remove it or use motive 01.',
        ),
      ],
      400,
    );
  }
}
