export { type ComputeOptions, computeComprobante } from './compute-comprobante.js';
export { cfdiFecha, localDateTime } from './fecha.js';
