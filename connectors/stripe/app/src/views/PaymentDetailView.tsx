/**
 * stripe.dashboard.payment.detail: the CFDI of this payment (status, UUID, XML/PDF) and the buttons the
 * payment allows now — issue, copy the self-invoice link, cancel with a SAT motive.
 */
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';
import {
  Badge,
  Banner,
  Box,
  Button,
  ContextView,
  Link,
  PropertyList,
  PropertyListItem,
  Select,
  Spinner,
  TextField,
} from '@stripe/ui-extension-sdk/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BackendError, createBackend } from '../backend';
import { host } from '../host';
import { messages } from '../i18n';
import type { PaymentPage } from '../types';
import { ErrorBanner } from './ErrorBanner';

const TONE: Record<string, 'positive' | 'warning' | 'negative' | 'info' | 'neutral'> = {
  invoiced: 'positive',
  stamped: 'positive',
  awaiting_customer: 'warning',
  issuing: 'info',
  cancellation_pending: 'warning',
  failed: 'negative',
  cancelled: 'negative',
};

/** "1160.00", "MXN" -> "$1,160.00 MXN": grouped as written, never through a float. */
const money = (amount: string, currency: string) => {
  const [whole = '0', cents] = amount.split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents}` : ''} ${currency}`;
};

const PaymentDetailView = ({ userContext, environment }: ExtensionContextValue) => {
  const t = messages(userContext.locale);
  const backend = useMemo(() => createBackend({ userContext, environment }), [userContext, environment]);
  const id = environment.objectContext?.id ?? '';
  const [page, setPage] = useState<PaymentPage | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [motive, setMotive] = useState('02');
  const [replacement, setReplacement] = useState('');

  const load = useCallback(async () => {
    try {
      setPage(await backend.post<PaymentPage>(`/payments/${encodeURIComponent(id)}`));
      setError(null);
    } catch (caught) {
      setError(caught instanceof BackendError ? caught : new BackendError(String(caught), 'NETWORK', 0));
    }
  }, [backend, id]);
  useEffect(() => {
    load();
  }, [load]);

  const act = async (name: string, run: () => Promise<void>) => {
    setBusy(name);
    try {
      await run();
      setError(null);
    } catch (caught) {
      setError(caught instanceof BackendError ? caught : new BackendError(String(caught), 'NETWORK', 0));
    } finally {
      setBusy(null);
    }
  };
  const issue = () =>
    act('issue', async () => {
      setPage(await backend.post<PaymentPage>(`/payments/${encodeURIComponent(id)}/issue`));
      await host.showToast(t.issued);
    });
  const copyLink = () =>
    act('link', async () => {
      const { url } = await backend.post<{ url: string }>(`/payments/${encodeURIComponent(id)}/portal-link`);
      await host.copy(url);
      await host.showToast(t.portalLinkCopied);
    });
  const cancel = () =>
    act('cancel', async () => {
      setPage(
        await backend.post<PaymentPage>(`/payments/${encodeURIComponent(id)}/cancel`, {
          motive,
          ...(motive === '01' ? { replacement_uuid: replacement } : {}),
        }),
      );
      setCancelling(false);
      await host.showToast(t.cancelled);
    });

  const label = (status: string) => t.statuses[status] ?? status;
  return (
    <ContextView title={t.paymentTitle} description={page ? page.payment.external_id : undefined}>
      <Box css={{ stack: 'y', gap: 'medium' }}>
        {!backend.baseUrl && <Banner type="critical" title={t.errorTitle} description={t.noUrl} />}
        {error && <ErrorBanner error={error} t={t} />}
        {!page && !error && backend.baseUrl && <Spinner />}
        {page && (
          <>
            <Box css={{ stack: 'x', gap: 'small' }}>
              <Badge type={TONE[page.payment.status] ?? 'neutral'}>{label(page.payment.status)}</Badge>
              {page.invoice && (
                <Badge type={TONE[page.invoice.status] ?? 'neutral'}>{label(page.invoice.status)}</Badge>
              )}
            </Box>
            {page.payment.failure && (
              <Banner
                type="caution"
                title={page.payment.failure.code}
                description={
                  userContext.locale?.startsWith('en')
                    ? (page.payment.failure.message_en ?? page.payment.failure.message)
                    : page.payment.failure.message
                }
              />
            )}
            <PropertyList>
              <PropertyListItem label={t.total} value={money(page.payment.amount, page.payment.currency)} />
              {page.invoice && (
                <PropertyListItem label={t.uuid} value={page.invoice.uuid ?? label(page.invoice.status)} />
              )}
              {page.invoice && (
                <PropertyListItem
                  label={t.seriesFolio}
                  value={`${page.invoice.series}-${page.invoice.folio}`}
                />
              )}
              {page.invoice && (
                <PropertyListItem
                  label={t.receiver}
                  value={`${page.invoice.receiver_name} · ${page.invoice.receiver_rfc}`}
                />
              )}
              {page.receipt && (
                <PropertyListItem
                  label={t.receipt}
                  value={`${page.receipt.ticket} · ${label(page.receipt.status)}`}
                />
              )}
              {page.receipt?.status === 'open' && (
                <PropertyListItem label={t.expires} value={page.receipt.expires_at.slice(0, 10)} />
              )}
            </PropertyList>
            {(page.invoice?.xml_url || page.invoice?.pdf_url) && (
              <Box css={{ stack: 'x', gap: 'medium' }}>
                {page.invoice.xml_url && (
                  <Link href={page.invoice.xml_url} target="_blank" external>
                    {t.downloadXml}
                  </Link>
                )}
                {page.invoice.pdf_url && (
                  <Link href={page.invoice.pdf_url} target="_blank" external>
                    {t.downloadPdf}
                  </Link>
                )}
              </Box>
            )}
            <Box css={{ stack: 'y', gap: 'small' }}>
              {page.actions.issue && (
                <Button type="primary" css={{ width: 'fill' }} pending={busy === 'issue'} onPress={issue}>
                  {t.issueNow}
                </Button>
              )}
              {page.actions.portal_link && (
                <Button css={{ width: 'fill' }} pending={busy === 'link'} onPress={copyLink}>
                  {t.portalLink}
                </Button>
              )}
              {page.actions.cancel && !cancelling && (
                <Button type="destructive" css={{ width: 'fill' }} onPress={() => setCancelling(true)}>
                  {t.cancel}
                </Button>
              )}
            </Box>
            {cancelling && (
              <Box css={{ stack: 'y', gap: 'small' }}>
                <Select label={t.cancelMotive} value={motive} onChange={(e) => setMotive(e.target.value)}>
                  {Object.entries(t.motives).map(([code, text]) => (
                    <option key={code} value={code}>
                      {text}
                    </option>
                  ))}
                </Select>
                {motive === '01' && (
                  <TextField
                    label={t.replacementUuid}
                    value={replacement}
                    onChange={(e) => setReplacement(e.target.value)}
                  />
                )}
                <Button
                  type="destructive"
                  css={{ width: 'fill' }}
                  pending={busy === 'cancel'}
                  onPress={cancel}
                >
                  {t.cancelConfirm}
                </Button>
              </Box>
            )}
          </>
        )}
      </Box>
    </ContextView>
  );
};

export default PaymentDetailView;
