/** OpenAPI: GET /v1/me — the merchant behind the API key. */
import { commonErrors, json, type OpenApiArea, object, ref, str } from './common.js';

export const meArea: OpenApiArea = {
  schemas: {
    Merchant: object(
      {
        object: { const: 'merchant' },
        id: str(),
        trade_name: str(),
        name: str('Emisor Nombre.'),
        rfc: str(),
        regime: str('c_RegimenFiscal.'),
        zip: str('LugarExpedicion.'),
        mode: { enum: ['test', 'live'] },
      },
      ['object', 'id', 'trade_name', 'name', 'rfc', 'regime', 'zip', 'mode'],
    ),
  },
  paths: {
    '/v1/me': {
      get: {
        operationId: 'getMe',
        tags: ['merchant'],
        summary: 'The merchant behind the API key, and whether the key is test or live',
        responses: {
          '200': { description: 'The merchant.', content: json(ref('Merchant')) },
          ...commonErrors,
        },
      },
    },
  },
};
