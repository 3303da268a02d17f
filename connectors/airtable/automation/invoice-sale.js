// autofactura — factura la venta de un registro de Airtable (acción "Run a script" de una automatización).
// Invoices the sale in an Airtable record ("Run a script" automation action). Paste this whole file.
//
// Variables de entrada (input.config()) / input variables:
//   recordId  (obligatoria) el Record ID del disparador / the trigger's record id
//   apiKey    (obligatoria) llave API de autofactura, af_live_... o af_test_...
//   baseUrl   (obligatoria) URL de tu servidor autofactura, p. ej. https://facturas.mitienda.mx
//   table     nombre de la tabla de ventas (predeterminado "Ventas")
//   cualquier nombre de campo, p. ej. fieldRFC = "RFC Cliente" (ver FIELDS abajo)
//   productKey / unitKey: claves SAT del concepto (predeterminadas 01010101 y E48)
//
// Registra el pago (llave de idempotencia = base + registro: volver a ejecutarlo nunca factura dos veces)
// y escribe en el registro el estado, el UUID y los enlaces al PDF y XML, o el enlace al portal de
// autofacturación, o en "Factura - error" qué corregir. Airtable corta cada fetch a los 12 s: si el
// timbrado tarda, escribe "emitiendo" y la siguiente ejecución (o `autofactura airtable sync`) completa.

const config = input.config();
const FIELDS = {
  amount: 'Monto',
  email: 'Correo',
  name: 'Nombre',
  rfc: 'RFC',
  regime: 'Régimen',
  zip: 'CP',
  cfdiUse: 'Uso CFDI',
  concept: 'Concepto',
  paidAt: 'Fecha',
  status: 'Factura - estado',
  uuid: 'Factura - UUID',
  pdf: 'Factura - PDF',
  xml: 'Factura - XML',
  portal: 'Factura - portal',
  error: 'Factura - error',
  payment: 'Factura - pago',
};
for (const name of Object.keys(FIELDS)) {
  const override = config[`field${name[0].toUpperCase()}${name.slice(1)}`];
  if (override) FIELDS[name] = override;
}
const STATUS = {
  issuing: 'emitiendo',
  invoiced: 'facturada',
  awaitingCustomer: 'esperando datos',
  error: 'error',
  inGlobal: 'en factura global',
  refunded: 'reembolsada',
  ignored: 'sin factura',
};
// Airtable aborts a fetch after 12 s and a run after 30 s: stop waiting a little before.
const FETCH_BUDGET_MS = Number(config.timeoutMs) || 11000;
const baseUrl = String(config.baseUrl || '').replace(/\/+$/, '');
const table = base.getTable(config.table || 'Ventas');

function cellText(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.length ? cellText(value[0]) : '';
  if (typeof value === 'object' && 'name' in value) return cellText(value.name);
  return String(value).trim();
}
function amountText(value) {
  if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(2);
  return cellText(value).replace(/[$,\s]/g, '');
}
function codeOf(value) {
  const text = cellText(value);
  const match = /^([A-Za-z]{0,2}\d{2,3})\b/.exec(text);
  return match ? match[1].toUpperCase() : text;
}
function zipText(value) {
  const text = cellText(value);
  return /^\d{1,5}$/.test(text) ? text.padStart(5, '0') : text;
}
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

class Timeout extends Error {}

async function call(method, path, body, idempotencyKey) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_BUDGET_MS);
  try {
    const headers = { authorization: `Bearer ${config.apiKey}`, 'accept-language': 'es-MX' };
    if (body) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { error: { message: text.slice(0, 200) } };
    }
    return { status: response.status, json };
  } catch (error) {
    if (controller.signal.aborted) throw new Timeout();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function apiErrorText(answer) {
  const error = answer.json?.error || {};
  const details = error.details || [error];
  return details.map((d) => (d.param ? `${d.message} (${d.param})` : String(d.message))).join(' ');
}

function fiscalProblems(payment) {
  const events = (payment.events || []).slice().reverse();
  const decided = events.find((e) => e.type === 'payment.decided');
  const problems = decided?.data?.fiscal_problems || [];
  return problems.map((p) => p.message).join(' ');
}

function saleBody(record) {
  const get = (name) => record.getCellValue(FIELDS[name]);
  const customer = {};
  const put = (key, value) => {
    if (value) customer[key] = value;
  };
  put('email', cellText(get('email')));
  put('name', cellText(get('name')).toUpperCase());
  put('rfc', cellText(get('rfc')).toUpperCase());
  put('tax_regime', codeOf(get('regime')));
  put('zip', zipText(get('zip')));
  put('cfdi_use', codeOf(get('cfdiUse')));
  const amount = amountText(get('amount'));
  const body = { amount, external_id: `airtable:${base.id}:${config.recordId}` };
  const paidAt = cellText(get('paidAt'));
  if (paidAt) body.paid_at = Number.isNaN(Date.parse(paidAt)) ? paidAt : new Date(paidAt).toISOString();
  body.customer = customer;
  const concept = cellText(get('concept'));
  if (concept) {
    body.items = [
      {
        description: concept,
        quantity: '1',
        unit_price: amount,
        tax_included: true,
        product_key: config.productKey || '01010101',
        unit_key: config.unitKey || 'E48',
      },
    ];
  }
  body.metadata = { airtable_base: base.id, airtable_record: config.recordId };
  return body;
}

// The fields of the table that exist: a template without, say, "Factura - XML" still gets the rest.
function onlyExisting(values) {
  const out = {};
  for (const [name, value] of Object.entries(values)) {
    const field = table.fields.find((f) => f.name === name);
    if (!field) continue;
    out[name] = field.type === 'singleSelect' ? (value ? { name: value } : null) : value;
  }
  return out;
}

async function register(body) {
  const key = body.external_id;
  let answer = await call('POST', '/v1/payments', body, key);
  if (answer.status === 409) {
    // The row changed since it was sent (its RFC fixed, say): same external id, so still one payment.
    answer = await call('POST', '/v1/payments', body, `${key}:${fingerprint(JSON.stringify(body))}`);
  }
  const empty = {
    [FIELDS.uuid]: null,
    [FIELDS.pdf]: null,
    [FIELDS.xml]: null,
    [FIELDS.portal]: null,
    [FIELDS.error]: null,
  };
  if (answer.status >= 500) {
    return {
      [FIELDS.status]: STATUS.issuing,
      [FIELDS.error]: `autofactura no respondió (${answer.status}); se reintentará.`,
    };
  }
  if (answer.status >= 400)
    return { ...empty, [FIELDS.status]: STATUS.error, [FIELDS.error]: apiErrorText(answer) };
  const recorded = answer.json;
  const current =
    recorded.status === 'invoiced' ? recorded : (await call('GET', `/v1/payments/${recorded.id}`)).json;
  const out = { ...empty, [FIELDS.payment]: recorded.id };
  const invoiceId = recorded.invoice?.id || current.invoice_id;
  if (current.status === 'invoiced' && invoiceId) {
    const uuid = recorded.invoice?.uuid || (await call('GET', `/v1/invoices/${invoiceId}`)).json.uuid;
    return {
      ...out,
      [FIELDS.status]: STATUS.invoiced,
      [FIELDS.uuid]: uuid,
      [FIELDS.pdf]: `${baseUrl}/v1/invoices/${invoiceId}/pdf`,
      [FIELDS.xml]: `${baseUrl}/v1/invoices/${invoiceId}/xml`,
    };
  }
  if (current.status === 'awaiting_customer') {
    const problems = fiscalProblems(current);
    return {
      ...out,
      [FIELDS.status]: problems ? STATUS.error : STATUS.awaitingCustomer,
      [FIELDS.portal]: recorded.receipt?.url || null,
      [FIELDS.error]: problems || null,
    };
  }
  if (current.status === 'failed') {
    return {
      ...out,
      [FIELDS.status]: STATUS.error,
      [FIELDS.error]: current.failure?.message || null,
    };
  }
  const simple = { in_global: STATUS.inGlobal, refunded: STATUS.refunded, ignored: STATUS.ignored };
  return { ...out, [FIELDS.status]: simple[current.status] || STATUS.issuing };
}

let result;
if (!config.recordId || !config.apiKey || !baseUrl) {
  result = {
    [FIELDS.status]: STATUS.error,
    [FIELDS.error]: 'Configura las variables de entrada recordId, apiKey y baseUrl del script.',
  };
} else {
  const record = await table.selectRecordAsync(config.recordId);
  if (!record) throw new Error(`No existe el registro ${config.recordId} en la tabla ${table.name}.`);
  try {
    result = await register(saleBody(record));
  } catch (error) {
    if (!(error instanceof Timeout)) throw error;
    // Stamping is slow today: the payment is recorded or will be; a later run or the sync fills in the rest.
    result = {
      [FIELDS.status]: STATUS.issuing,
      [FIELDS.error]: null,
    };
  }
}
if (config.recordId) await table.updateRecordAsync(config.recordId, onlyExisting(result));
// Outputs for the automation's next steps: status, uuid, pdf, xml, portal, error, payment.
for (const [key, name] of Object.entries(FIELDS)) {
  if (name in result) output.set(key, result[name] === null ? '' : result[name]);
}
