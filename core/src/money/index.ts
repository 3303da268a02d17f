export { type AmountInWordsOptions, amountInWords } from './amount-in-words.js';
export { currencyDecimals } from './currency.js';
export { Dec, roundTo, roundUpTo, truncateTo, unitOf, ZERO } from './decimal.js';
export { countDecimals, formatFixed } from './format.js';
export { conceptoImporteLimits, importeLimits, isWithinLimits, type Limits } from './importe-limits.js';
export {
  type DecimalRead,
  type DecimalReadFailure,
  decimalReadMessage,
  parseDecimal,
  readDecimal,
} from './parse-decimal.js';
