/** GET /v1/catalogs/{name}: SAT catalogs for dropdowns (régimen, uso by régimen, forma de pago, product search...). */
import Router from '@koa/router';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import type { ApiState } from '../auth.js';
import { apiError } from '../http-error.js';
import { CATALOG_NAMES, type CatalogName, catalogList } from './catalog-lists.js';
import { stringParam } from './query.js';

const SEARCHED: CatalogName[] = ['product_keys'];

function searchLimit(value: unknown): number {
  if (value === undefined || value === '') return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      'limit debe ser un entero entre 1 y 50.',
      'limit must be an integer between 1 and 50.',
      'limit',
    );
  }
  return limit;
}

export function catalogsRouter(): Router<ApiState> {
  const router = new Router<ApiState>();
  router.get('/catalogs/:name', (ctx) => {
    const name = ctx.params.name as CatalogName;
    if (!CATALOG_NAMES.includes(name)) {
      throw apiError(
        404,
        'CATALOG_NOT_FOUND',
        `No existe el catálogo "${ctx.params.name}"; los disponibles son: ${CATALOG_NAMES.join(', ')}.`,
        `There is no catalog "${ctx.params.name}"; available ones are: ${CATALOG_NAMES.join(', ')}.`,
        'name',
      );
    }
    const q = stringParam(ctx.query.q)?.trim();
    if (SEARCHED.includes(name) && (!q || q.length < 2)) {
      throw apiError(
        400,
        'CATALOG_QUERY_REQUIRED',
        'Este catálogo es grande: busca con q (al menos 2 caracteres), p. ej. ?q=software o ?q=8111.',
        'This catalog is large: search with q (at least 2 characters), e.g. ?q=software or ?q=8111.',
        'q',
      );
    }
    const taxRegime = stringParam(ctx.query.tax_regime);
    if (taxRegime && !getCatalogs().regimenFiscal.has(taxRegime)) {
      throw apiError(
        400,
        'INVALID_PARAMETER',
        `tax_regime "${taxRegime}" no existe en c_RegimenFiscal (p. ej. 601, 612, 626).`,
        `tax_regime "${taxRegime}" is not in c_RegimenFiscal (e.g. 601, 612, 626).`,
        'tax_regime',
      );
    }
    const data = catalogList(name, {
      limit: searchLimit(ctx.query.limit),
      ...(q ? { q } : {}),
      ...(taxRegime ? { taxRegime } : {}),
    });
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = { object: 'list', catalog: name, data };
  });
  return router;
}
