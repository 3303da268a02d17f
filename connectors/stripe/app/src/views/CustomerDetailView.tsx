/**
 * stripe.dashboard.customer.detail: the fiscal data autofactura keeps for this Stripe customer, and its
 * edit. Saved data makes the customer's next payments invoice themselves; refused data says what to fix.
 */
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';
import { Badge, Banner, Box, Button, ContextView, Spinner, TextField } from '@stripe/ui-extension-sdk/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BackendError, createBackend } from '../backend';
import { host } from '../host';
import { messages } from '../i18n';
import type { CustomerPage, FiscalFields } from '../types';
import { ErrorBanner } from './ErrorBanner';

const EMPTY: FiscalFields = { rfc: '', name: '', tax_regime: '', zip: '', cfdi_use: '' };

const CustomerDetailView = ({ userContext, environment }: ExtensionContextValue) => {
  const t = messages(userContext.locale);
  const backend = useMemo(() => createBackend({ userContext, environment }), [userContext, environment]);
  const id = environment.objectContext?.id ?? '';
  const [page, setPage] = useState<CustomerPage | null>(null);
  const [form, setForm] = useState<FiscalFields>(EMPTY);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  const [saving, setSaving] = useState(false);

  const show = useCallback((next: CustomerPage) => {
    setPage(next);
    setForm(next.customer?.fiscal ?? EMPTY);
    setEmail(next.customer?.email ?? '');
  }, []);
  useEffect(() => {
    backend
      .post<CustomerPage>(`/customers/${encodeURIComponent(id)}`)
      .then(show)
      .catch((caught) =>
        setError(caught instanceof BackendError ? caught : new BackendError(String(caught), 'NETWORK', 0)),
      );
  }, [backend, id, show]);

  const save = async () => {
    setSaving(true);
    try {
      const fiscal = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
      show(
        await backend.post<CustomerPage>(`/customers/${encodeURIComponent(id)}/update`, {
          ...(Object.keys(fiscal).length ? { fiscal } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
        }),
      );
      setError(null);
      await host.showToast(t.saved);
    } catch (caught) {
      setError(caught instanceof BackendError ? caught : new BackendError(String(caught), 'NETWORK', 0));
    } finally {
      setSaving(false);
    }
  };
  const invalid = (param: string) =>
    error?.details.find((d) => d.param === `fiscal.${param}` || d.param === param);
  const field = (key: keyof FiscalFields, label: string) => (
    <TextField
      label={label}
      value={form[key]}
      error={invalid(key)?.message}
      invalid={invalid(key) !== undefined}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
    />
  );

  return (
    <ContextView title={t.customerTitle}>
      <Box css={{ stack: 'y', gap: 'medium' }}>
        {!backend.baseUrl && <Banner type="critical" title={t.errorTitle} description={t.noUrl} />}
        {error && <ErrorBanner error={error} t={t} />}
        {!page && !error && backend.baseUrl && <Spinner />}
        {page && (
          <>
            <Box css={{ stack: 'y', gap: 'xsmall' }}>
              <Box>
                <Badge type={page.customer?.fiscal ? 'positive' : 'warning'}>
                  {page.customer?.fiscal ? t.fiscalComplete : t.fiscalMissing}
                </Badge>
              </Box>
              <Box css={{ color: 'secondary', font: 'caption' }}>
                {page.customer?.fiscal ? t.hasFiscal : t.noFiscal}
              </Box>
            </Box>
            {field('rfc', t.rfc)}
            {field('name', t.legalName)}
            {field('tax_regime', t.taxRegime)}
            {field('zip', t.zip)}
            {field('cfdi_use', t.cfdiUse)}
            <TextField
              label={t.email}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Button type="primary" css={{ width: 'fill' }} pending={saving} onPress={save}>
              {t.save}
            </Button>
          </>
        )}
      </Box>
    </ContextView>
  );
};

export default CustomerDetailView;
