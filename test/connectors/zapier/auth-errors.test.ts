/**
 * Authentication and errors (#8) against the real server: the key is tested with GET /v1/me and the
 * connection is named after the merchant; the server's plain-Spanish errors reach Zapier as its errors;
 * 429 becomes a ThrottledError carrying Retry-After.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import zapier from 'zapier-platform-core';
import App from '../../../connectors/zapier/src/index.js';
import { type ZapierHarness, zapierHarness } from './harness.js';

describe('Zapier app: authentication and errors (#8)', () => {
  let z: ZapierHarness;
  before(async () => {
    z = await zapierHarness();
  });
  after(() => z.close());

  it('tests the key with GET /v1/me and labels the connection with trade name and RFC', async () => {
    const me = await z.run(App.authentication.test);
    assert.equal(me.rfc, 'EKU9003173C9');
    assert.equal(me.mode, 'test');
    const label = await z.run(App.authentication.connectionLabel, { inputData: me });
    assert.equal(label, 'Escuela Kemper (EKU9003173C9) · pruebas');
  });

  it('accepts the server address with a trailing slash or without a scheme', async () => {
    const host = z.h.url.replace(/^http:\/\//, '');
    const me = await z.run(App.authentication.test, { authData: { ...z.authData, baseUrl: `${z.h.url}/` } });
    assert.equal(me.trade_name, 'Escuela Kemper');
    // Without a scheme https is assumed: a plain-http local server then fails to connect, not to parse.
    await assert.rejects(z.run(App.authentication.test, { authData: { ...z.authData, baseUrl: host } }));
  });

  it('refuses a wrong key with the server message in Spanish', async () => {
    await assert.rejects(
      z.run(App.authentication.test, { authData: { ...z.authData, apiKey: 'af_test_nope' } }),
      (error: Error) => {
        assert.equal(error.name, 'AppError');
        const parsed = JSON.parse(error.message);
        assert.equal(parsed.code, 'API_KEY_INVALID');
        assert.equal(parsed.status, 401);
        assert.match(parsed.message, /La llave API no es válida o fue revocada/);
        return true;
      },
    );
  });

  it('speaks English when the connection asks for it, the server too', async () => {
    await assert.rejects(
      z.run(App.authentication.test, { authData: { ...z.authData, apiKey: 'af_test_nope', language: 'en' } }),
      (error: Error) => {
        const parsed = JSON.parse(error.message);
        assert.equal(parsed.code, 'API_KEY_INVALID');
        assert.doesNotMatch(parsed.message, /llave/i);
        return true;
      },
    );
    await assert.rejects(
      z.run(z.search('find_customer').operation.perform, { authData: { ...z.authData, language: 'en' } }),
      /Give the RFC or the email of the customer/,
    );
  });

  it('says what to fix when the customer fiscal data is rejected', async () => {
    const create = z.create('create_customer');
    await assert.rejects(
      z.run(create.operation.perform, {
        inputData: {
          email: 'rfc-malo@example.com',
          rfc: 'COSC8001137N',
          fiscal_name: 'CARLOS CORTES SOTO',
          tax_regime: '612',
          zip: '52000',
          cfdi_use: 'G03',
        },
      }),
      (error: Error) => {
        const parsed = JSON.parse(error.message);
        assert.equal(parsed.status, 422);
        assert.match(parsed.message, /RFC/);
        assert.doesNotMatch(parsed.message, /\bmust\b|\binvalid\b/i, 'the message is the es-MX one');
        return true;
      },
    );
  });

  it('turns 429 into a ThrottledError with the Retry-After delay', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '17' });
      res.end(
        JSON.stringify({
          error: { type: 'rate_limit_error', code: 'RATE_LIMITED', message: 'Demasiadas solicitudes.' },
        }),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await assert.rejects(
        zapier.createAppTester(App)(App.authentication.test, { authData: { baseUrl, apiKey: 'af_test_x' } }),
        (error: Error) => {
          assert.equal(error.name, 'ThrottledError');
          const parsed = JSON.parse(error.message);
          assert.equal(parsed.delay, 17);
          assert.match(parsed.message, /demasiadas solicitudes/i);
          return true;
        },
      );
    } finally {
      server.close();
    }
  });
});
