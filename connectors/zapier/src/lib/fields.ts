/** Input fields several actions share: the customer's fiscal data and invoice line items. */

export const fiscalFields = [
  {
    key: 'rfc',
    label: 'RFC del cliente',
    helpText:
      'Registro Federal de Contribuyentes: 13 caracteres para personas físicas (p. ej. `COSC8001137NA`), 12 para empresas. Cópialo de la Constancia de Situación Fiscal.',
  },
  {
    key: 'fiscal_name',
    label: 'Nombre o razón social',
    helpText:
      'Exactamente como aparece en la Constancia de Situación Fiscal, en mayúsculas y **sin** el régimen de capital: `KIJ`, no `KIJ, S.A. DE C.V.`',
  },
  {
    key: 'tax_regime',
    label: 'Régimen fiscal',
    dynamic: 'tax_regimes.id.name',
    helpText:
      'El régimen con el que tu cliente tributa ante el SAT (aparece en su Constancia), p. ej. 612 Personas físicas con actividades empresariales, 601 General de ley personas morales.',
  },
  {
    key: 'zip',
    label: 'Código postal fiscal',
    helpText: 'Los 5 dígitos del código postal del domicilio fiscal, como en la Constancia (no el de envío).',
  },
  {
    key: 'cfdi_use',
    label: 'Uso del CFDI',
    dynamic: 'cfdi_uses.id.name',
    helpText:
      'Para qué usará tu cliente la factura; la lista muestra solo los usos que permite su régimen. El más común es G03 Gastos en general; S01 Sin efectos fiscales si no la deducirá.',
  },
];

/** The fiscal fields of a Zap's input as the API's `fiscal` object (only those given). */
export function fiscalFrom(input: Record<string, unknown>): Record<string, string> | undefined {
  const pairs: [string, string][] = [
    ['rfc', 'rfc'],
    ['fiscal_name', 'name'],
    ['tax_regime', 'tax_regime'],
    ['zip', 'zip'],
    ['cfdi_use', 'cfdi_use'],
  ];
  const fiscal: Record<string, string> = {};
  for (const [from, to] of pairs) {
    const value = input[from];
    if (value !== undefined && value !== null && String(value).trim() !== '')
      fiscal[to] = String(value).trim();
  }
  return Object.keys(fiscal).length ? fiscal : undefined;
}

export const productKeyField = {
  key: 'product_key',
  label: 'Clave de producto o servicio (SAT)',
  dynamic: 'product_keys.id.name',
  search: 'find_product_key.id',
  helpText:
    'La clave del catálogo c_ClaveProdServ que describe lo que vendes, p. ej. 86121700 servicios educativos. Usa "Buscar" para encontrar la tuya por palabra.',
};

export const unitKeyField = {
  key: 'unit_key',
  label: 'Clave de unidad (SAT)',
  default: 'E48',
  helpText: 'Catálogo c_ClaveUnidad: E48 servicio, H87 pieza, ACT actividad, KGM kilogramo, LTR litro.',
};

export const itemChildren = [
  { ...productKeyField, required: true },
  { ...unitKeyField, required: true },
  { key: 'description', label: 'Descripción', required: true, helpText: 'Lo que aparecerá en la factura.' },
  { key: 'quantity', label: 'Cantidad', required: true, helpText: 'Número, con punto decimal: `1` o `2.5`.' },
  {
    key: 'unit_price',
    label: 'Precio unitario',
    required: true,
    helpText: 'Con punto decimal y sin comas ni signo de pesos: `1000.00`.',
  },
  {
    key: 'tax_included',
    label: '¿El precio incluye IVA?',
    type: 'boolean',
    default: 'true',
    helpText: 'Sí: el precio ya trae el IVA (lo normal en ventas al público). No: se suma el IVA encima.',
  },
  {
    key: 'iva_rate',
    label: 'Tasa de IVA',
    choices: { '0.16': '16 %', '0.08': '8 % (región fronteriza)', '0': '0 %', exento: 'Exento' },
    default: '0.16',
    helpText: 'La tasa de IVA del concepto.',
  },
  { key: 'sku', label: 'Código interno (SKU)', helpText: 'Opcional: tu código de producto.' },
];

type Line = Record<string, unknown>;

/** Zapier's `children` lines -> the API's `items` (decimal strings kept as text, never floats). */
export function itemsFrom(lines: unknown): Line[] | undefined {
  if (!Array.isArray(lines) || lines.length === 0) return undefined;
  const items = (lines as Line[])
    .filter((line) => line && (line.description || line.unit_price))
    .map((line) => {
      const rate = String(line.iva_rate ?? '0.16');
      const taxes = rate === 'exento' ? [{ type: 'IVA', factor: 'Exento' }] : [{ type: 'IVA', rate }];
      return {
        product_key: String(line.product_key ?? '').trim(),
        unit_key: String(line.unit_key ?? 'E48').trim(),
        description: String(line.description ?? '').trim(),
        quantity: String(line.quantity ?? '1').trim(),
        unit_price: String(line.unit_price ?? '').trim(),
        tax_included: !['false', 'no', '0'].includes(String(line.tax_included ?? 'true').toLowerCase()),
        taxes,
        ...(line.sku ? { sku: String(line.sku) } : {}),
      };
    });
  return items.length ? items : undefined;
}
