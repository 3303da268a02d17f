// `npm test` runs the Stripe App's tests too (test/connectors/stripe-app/ui.test.ts). The App is its own
// package (React, Stripe's UI extension SDK, Jest), kept out of the workspaces: on a fresh clone its
// dependencies are installed here, once, from its own lock file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('../../connectors/stripe/app/', import.meta.url));
if (!existsSync(`${app}node_modules/.bin/jest`)) {
  process.stderr.write('Installing the Stripe App’s dependencies (connectors/stripe/app, npm ci)…\n');
  execFileSync('npm', ['ci', '--prefix', app, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
