/**
 * API key authentication: the merchant pastes a key from the dashboard (Configuración › Llaves de API)
 * and the address of their autofactura server; GET /v1/me checks both and names the connection
 * "<nombre comercial> (<RFC>)", with "pruebas" for a test key.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from './lib/http.js';

export const authentication = {
  type: 'custom' as const,
  fields: [
    {
      key: 'baseUrl',
      label: 'Dirección de tu servidor autofactura',
      type: 'string' as const,
      required: true,
      helpText:
        'La dirección donde abres tu panel de autofactura, sin "/dashboard", p. ej. `https://facturas.tuempresa.mx`. Si instalaste autofactura en tu propio servidor, debe ser pública para que Zapier la alcance.',
    },
    {
      key: 'apiKey',
      label: 'Llave de API',
      type: 'password' as const,
      required: true,
      helpText:
        'Créala en tu panel: Configuración › Llaves de API. Empieza con `af_test_` (pruebas: timbra con el PAC de pruebas, sin validez fiscal) o `af_live_` (facturas reales ante el SAT).',
    },
    {
      key: 'language',
      label: 'Idioma de los mensajes / Message language',
      type: 'string' as const,
      required: false,
      choices: { es: 'Español (México)', en: 'English' },
      default: 'es',
      helpText:
        'El idioma de los errores que verás en Zapier. / The language of the errors Zapier shows you.',
    },
  ],
  test: async (z: ZObject, bundle: Bundle) => {
    const response = await z.request({ url: apiUrl(bundle, '/v1/me') });
    return response.data;
  },
  connectionLabel: (_z: ZObject, bundle: Bundle) => {
    const me = (bundle.inputData ?? {}) as {
      trade_name?: string;
      name?: string;
      rfc?: string;
      mode?: string;
    };
    const who = me.trade_name || me.name || 'autofactura';
    return `${who} (${me.rfc ?? 'sin RFC'})${me.mode === 'test' ? ' · pruebas' : ''}`;
  },
};
