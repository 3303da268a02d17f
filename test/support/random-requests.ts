/**
 * Random, realistic invoice requests for the property test and the seal benchmark: quantities and
 * prices with 0-6 decimals, discounts, tax mixes (IVA 16/8/0/exento, IEPS, ISR and IVA withholdings),
 * tax-included prices, MXN/USD/JPY, notas de crédito and facturas globales.
 */
import fc from 'fast-check';

const ISSUER = { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE', tax_regime: '601' };
const ISSUER_ZIPS = ['06600', '77500', '22000', '83000', '64000', '44100'];

const CUSTOMERS = [
  { rfc: 'KIJ0906199R1', name: 'KIJ', tax_regime: '601', zip: '59820', cfdi_use: 'G03' },
  { rfc: 'ICV060329BY0', name: 'INMOBILIARIA CVA', tax_regime: '601', zip: '33826', cfdi_use: 'G01' },
  { rfc: 'COSC8001137NA', name: 'CARLOS CORTES SOTO', tax_regime: '612', zip: '52000', cfdi_use: 'G03' },
  {
    rfc: 'AABF800614HI0',
    name: 'FELIX MANUEL ANDRADE BALLADO',
    tax_regime: '612',
    zip: '86400',
    cfdi_use: 'D01',
  },
  { rfc: 'H&E951128469', name: 'HERRERIA & ELECTRICOS', tax_regime: '601', zip: '06002', cfdi_use: 'G03' },
];

const PRODUCTS = [
  '81112101',
  '43232408',
  '50202306',
  '80141628',
  '78102203',
  '10101501',
  '01010101',
  '86121700',
];
const UNITS = ['H87', 'E48', 'ACT', 'KGM', 'XBX'];
const DESCRIPTIONS = [
  'Servicio de consultoría',
  'Licencia anual de software',
  'Pan dulce surtido',
  'Curso de capacitación',
  'Flete local',
  'Producto "ÑANDÚ" <especial> & más',
  'Artículo con  espacios   dobles ',
];

type Tax = {
  type: 'IVA' | 'ISR' | 'IEPS';
  rate?: string;
  factor?: 'Tasa' | 'Cuota' | 'Exento';
  withholding?: boolean;
};

const TAX_MIXES: (Tax[] | undefined)[] = [
  [{ type: 'IVA', rate: '0.16' }],
  [{ type: 'IVA', rate: '0.16' }],
  [{ type: 'IVA', rate: '0.08' }],
  [{ type: 'IVA', rate: '0' }],
  [{ type: 'IVA', factor: 'Exento' }],
  [
    { type: 'IEPS', rate: '0.08' },
    { type: 'IVA', rate: '0.16' },
  ],
  [
    { type: 'IVA', rate: '0.16' },
    { type: 'ISR', rate: '0.10', withholding: true },
    { type: 'IVA', rate: '0.106667', withholding: true },
  ],
  [
    { type: 'IVA', rate: '0.16' },
    { type: 'IVA', rate: '0.04', withholding: true },
  ],
  [
    { type: 'IVA', rate: '0.16' },
    { type: 'ISR', rate: '0.0125', withholding: true },
  ],
  undefined,
];

/** A decimal string with 0..6 decimals between min and max units (integers scaled by 10^decimals). */
function decimal(maxInteger: number, minUnits = 1): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: 6 }).chain((decimals) =>
    fc.integer({ min: minUnits, max: maxInteger * 10 ** decimals }).map((units) => {
      if (decimals === 0) return String(units);
      const text = String(units).padStart(decimals + 1, '0');
      return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
    }),
  );
}

const item = (withholdingAllowed: boolean) =>
  fc
    .record({
      product_key: fc.constantFrom(...PRODUCTS),
      unit_key: fc.constantFrom(...UNITS),
      sku: fc.option(fc.stringMatching(/^[A-Z0-9-]{1,12}$/), { nil: undefined }),
      description: fc.constantFrom(...DESCRIPTIONS),
      quantity: decimal(50),
      unit_price: decimal(20000),
      discountPercent: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
      tax_included: fc.boolean(),
      taxes: fc.constantFrom(
        ...TAX_MIXES.filter((mix) => withholdingAllowed || !mix?.some((t) => t.withholding)),
      ),
    })
    .map(({ discountPercent, taxes, sku, ...raw }) => {
      const rest = { ...raw, unit_price: atLeastTwentyUnits(raw.quantity, raw.unit_price) };
      const out: Record<string, unknown> = { ...rest };
      if (sku) out.sku = sku;
      if (taxes) out.taxes = taxes;
      else {
        out.tax_object = '01';
        out.tax_included = false;
      }
      if (discountPercent !== undefined && !rest.tax_included)
        out.discount = discountOf(rest, discountPercent);
      return out;
    });

/**
 * A unit price that makes quantity x unit_price at least 20 (yen, pesos or dollars): a line whose amount
 * rounds to zero in the currency cannot carry taxes (CFDI40174: Base must be > 0), a request our engine
 * rightly rejects. With discounts capped at 90% every taxed Base stays >= 2 units.
 */
function atLeastTwentyUnits(quantity: string, unitPrice: string): string {
  const q = BigInt(scaled(quantity));
  if (q * BigInt(scaled(unitPrice)) >= 20n * 10n ** 12n) return unitPrice;
  const decimals = unitPrice.split('.')[1]?.length ?? 0;
  const step = 10n ** BigInt(6 - decimals);
  const micro = (20n * 10n ** 12n + q - 1n) / q; // ceil(20 / quantity) in millionths
  const units = ((micro + step - 1n) / step).toString(); // rounded up to the price's decimals
  if (decimals === 0) return units;
  const text = units.padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** A discount of about `percent` of quantity x unit_price, with 2 decimals, never above it. */
function discountOf(line: { quantity: string; unit_price: string }, percent: number): string {
  const cents =
    (BigInt(scaled(line.quantity)) * BigInt(scaled(line.unit_price)) * BigInt(percent)) / 10n ** 12n / 100n;
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Integer value of a decimal string times 10^6 (exact, no float). */
function scaled(value: string): string {
  const [int, frac = ''] = value.split('.');
  return `${int}${frac.padEnd(6, '0')}`;
}

const currency = fc.constantFrom(
  { currency: 'MXN' },
  { currency: 'MXN' },
  { currency: 'USD', exchange_rate: '17.2345' },
  { currency: 'JPY', exchange_rate: '0.1152' },
);

export const invoiceRequest: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    kind: fc.constantFrom('named', 'named', 'named', 'credit-note', 'global', 'foreign'),
    zip: fc.constantFrom(...ISSUER_ZIPS),
    customer: fc.constantFrom(...CUSTOMERS),
    currency,
    payment: fc.constantFrom(
      { payment_form: '03' },
      { payment_form: '04' },
      { payment_form: '28' },
      { payment_form: '01' },
      { payment_form: '99', payment_method: 'PPD' },
    ),
    series: fc.option(fc.constantFrom('A', 'F', 'NC'), { nil: undefined }),
    folio: fc.option(fc.integer({ min: 1, max: 999999 }).map(String), { nil: undefined }),
    uuid: fc.uuid().map((u) => u.toUpperCase()),
    itemsWith: fc.array(item(true), { minLength: 1, maxLength: 8 }),
    itemsWithout: fc.array(item(false), { minLength: 1, maxLength: 8 }),
  })
  .map((r) => {
    const base: Record<string, unknown> = {
      issuer: { ...ISSUER, zip: r.zip },
      ...r.currency,
      ...r.payment,
      ...(r.series ? { series: r.series } : {}),
      ...(r.folio ? { folio: r.folio } : {}),
    };
    switch (r.kind) {
      case 'credit-note':
        return {
          ...base,
          type: 'E',
          payment_form: r.payment.payment_form === '99' ? '03' : r.payment.payment_form,
          payment_method: 'PUE',
          customer: { ...r.customer, cfdi_use: 'G02' },
          related: [{ relationship: '01', uuids: [r.uuid] }],
          items: r.itemsWith,
        };
      case 'global':
        return {
          ...withoutExchangeRate(base),
          currency: 'MXN',
          payment_form: r.payment.payment_form === '99' ? '01' : r.payment.payment_form,
          payment_method: 'PUE',
          customer: {
            rfc: 'XAXX010101000',
            name: 'PUBLICO EN GENERAL',
            tax_regime: '616',
            zip: r.zip,
            cfdi_use: 'S01',
          },
          global: { periodicity: '04', months: '10', year: '2026' },
          items: r.itemsWithout.map((line, index) => ({
            ...line,
            product_key: '01010101',
            unit_key: 'ACT',
            description: 'Venta',
            quantity: '1',
            sku: `T-${index + 1}`,
          })),
        };
      case 'foreign':
        return {
          ...base,
          customer: {
            rfc: 'XEXX010101000',
            name: 'FOREIGN COMPANY INC',
            tax_regime: '616',
            zip: r.zip,
            cfdi_use: 'S01',
            country: 'USA',
            tax_id: '123456789',
          },
          items: r.itemsWithout,
        };
      default:
        return { ...base, customer: r.customer, items: r.itemsWith };
    }
  });

function withoutExchangeRate(request: Record<string, unknown>): Record<string, unknown> {
  const { exchange_rate: _ignored, ...rest } = request;
  return rest;
}
