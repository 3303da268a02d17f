/** `npm run docs:rules`: writes docs/validation-rules.md from the registered validation rules. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderValidationRulesDoc } from './validation-rules-doc.js';

const root = resolve(import.meta.dirname, '../..');
writeFileSync(resolve(root, 'docs/validation-rules.md'), renderValidationRulesDoc(root));
console.log('docs/validation-rules.md written');
