import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { type ApiHarness, apiHarness } from './api-harness.js';
import { createConformance } from './openapi-conformance.js';

describe('GET /v1/openapi.json and the conformance check', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });

  it('serves a valid OpenAPI 3.1 document without an API key', async () => {
    const res = await h.call('GET', '/v1/openapi.json', { key: null });
    assert.equal(res.status, 200);
    assert.equal(res.json.openapi, '3.1.0');
    const verdict = await new Validator().validate(res.json);
    assert.equal(verdict.valid, true, JSON.stringify(verdict.errors, null, 2));
    assert.deepEqual(res.json.components.securitySchemes.bearerAuth, {
      type: 'http',
      scheme: 'bearer',
      description: res.json.components.securitySchemes.bearerAuth.description,
    });
  });

  it('describes every endpoint of the API with its error schema', async () => {
    const { paths } = (await h.call('GET', '/v1/openapi.json', { key: null })).json;
    const operations = Object.entries(paths as Record<string, Record<string, { responses: object }>>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const expected of [
      'GET /v1/me',
      'POST /v1/payments',
      'GET /v1/payments',
      'GET /v1/payments/{id}',
      'GET /v1/invoices',
      'POST /v1/invoices',
      'GET /v1/invoices/{id}',
      'GET /v1/invoices/{id}/xml',
      'GET /v1/invoices/{id}/pdf',
      'POST /v1/invoices/{id}/cancel',
      'POST /v1/invoices/{id}/email',
      'GET /v1/customers',
      'POST /v1/customers',
      'GET /v1/customers/{id}',
      'PATCH /v1/customers/{id}',
      'POST /v1/customers/{id}/validate',
      'GET /v1/receipts',
      'GET /v1/receipts/{id}',
      'POST /v1/receipts/{id}/cancel',
      'GET /v1/catalogs/{name}',
    ]) {
      assert.ok(operations.includes(expected), `${expected} is not documented`);
    }
    for (const [path, item] of Object.entries(
      paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      if (path === '/v1/openapi.json') continue;
      for (const [method, operation] of Object.entries(item)) {
        assert.ok(operation.responses.default, `${method} ${path} has no error response`);
      }
    }
  });

  it('fails an exchange that drifts from the document (the check itself can fail)', () => {
    const check = createConformance();
    const me = {
      object: 'merchant',
      id: 'm_1',
      trade_name: 'X',
      name: 'X',
      rfc: 'EKU9003173C9',
      regime: '601',
      zip: '42501',
      mode: 'test',
    };
    const base = {
      method: 'GET',
      path: '/v1/me',
      query: new URLSearchParams(),
      status: 200,
      contentType: 'application/json',
    };
    check({ ...base, responseJson: me });
    assert.throws(() => check({ ...base, responseJson: { ...me, secret: 'x' } }), /additionalProperties/);
    assert.throws(() => check({ ...base, responseJson: { ...me, mode: 'demo' } }), /response body/);
    assert.throws(() => check({ ...base, status: 418, responseJson: me }), /status 418|response body/);
    assert.throws(
      () => check({ ...base, query: new URLSearchParams('verbose=1'), responseJson: me }),
      /verbose/,
    );
    assert.throws(
      () => check({ ...base, path: '/v1/secrets', responseJson: {} }),
      /not in the OpenAPI document/,
    );
    assert.throws(
      () =>
        check({
          method: 'POST',
          path: '/v1/customers',
          query: new URLSearchParams(),
          requestBody: { email: 'a@b.mx', nickname: 'x' },
          status: 201,
          contentType: 'application/json',
          responseJson: {},
        }),
      /request body|response body/,
    );
    assert.throws(
      () =>
        check({ ...base, status: 401, responseJson: { error: { type: 'oops', code: 'X', message: 'm' } } }),
      /response body/,
    );
  });
});
