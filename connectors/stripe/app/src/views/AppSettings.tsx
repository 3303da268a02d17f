/**
 * settings: links this Stripe account to an autofactura merchant with one of the merchant's API keys
 * (checked by the server, never kept by the app), shows which merchant it is linked to, and unlinks.
 * The server's URL is the manifest's AUTOFACTURA_URL: the content security policy allows only it.
 */
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';
import { Badge, Banner, Box, Button, SettingsView, Spinner, TextField } from '@stripe/ui-extension-sdk/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BackendError, createBackend } from '../backend';
import { messages } from '../i18n';
import type { LinkStatus } from '../types';
import { ErrorBanner } from './ErrorBanner';

const AppSettings = ({ userContext, environment }: ExtensionContextValue) => {
  const t = messages(userContext.locale);
  const backend = useMemo(() => createBackend({ userContext, environment }), [userContext, environment]);
  const [status, setStatus] = useState<LinkStatus | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);

  const run = useCallback(
    async (path: string, body?: Record<string, unknown>) => {
      try {
        setStatus(await backend.post<LinkStatus>(path, body));
        setError(null);
        return true;
      } catch (caught) {
        setError(caught instanceof BackendError ? caught : new BackendError(String(caught), 'NETWORK', 0));
        return false;
      }
    },
    [backend],
  );
  useEffect(() => {
    run('/status');
  }, [run]);

  const onSave = async (values: { [name: string]: string }) => {
    const ok = await run('/link', { api_key: (values.api_key ?? '').trim() });
    setMessage(ok ? t.linkedStatus : t.errorTitle);
  };

  return (
    <SettingsView onSave={onSave} statusMessage={message}>
      <Box css={{ stack: 'y', gap: 'large' }}>
        <Box>{t.settingsIntro}</Box>
        {!backend.baseUrl && <Banner type="critical" title={t.errorTitle} description={t.noUrl} />}
        {error && <ErrorBanner error={error} t={t} />}
        {!status && !error && backend.baseUrl && <Spinner />}
        <TextField label={t.server} value={backend.baseUrl} readOnly />
        {status && (
          <Box css={{ stack: 'y', gap: 'small' }}>
            <Box>
              <Badge type={status.linked ? 'positive' : 'neutral'}>
                {status.linked ? t.linkedStatus : t.unlinkedStatus}
              </Badge>
            </Box>
            {status.merchant && (
              <Box css={{ stack: 'x', gap: 'medium', alignY: 'center', distribute: 'space-between' }}>
                <Box>{`${t.linkedTo} ${status.merchant.trade_name || status.merchant.name} · ${status.merchant.rfc}`}</Box>
                {status.linked_by === 'settings' && (
                  <Button type="destructive" size="small" onPress={() => run('/unlink')}>
                    {t.unlink}
                  </Button>
                )}
              </Box>
            )}
          </Box>
        )}
        <TextField name="api_key" type="password" label={t.apiKey} description={t.apiKeyHelp} />
      </Box>
    </SettingsView>
  );
};

export default AppSettings;
