/** A backend refusal, told the way the merchant can act on it (link the account, fix a field...). */
import { Banner } from '@stripe/ui-extension-sdk/ui';
import type { BackendError } from '../backend';
import type { Messages } from '../i18n';

export const ErrorBanner = ({ error, t }: { error: BackendError; t: Messages }) => {
  const title =
    error.code === 'STRIPE_ACCOUNT_NOT_LINKED'
      ? t.notLinkedTitle
      : error.code === 'PAYMENT_NOT_FOUND'
        ? t.notFoundTitle
        : t.errorTitle;
  const text = error.details.length > 1 ? error.details.map((d) => d.message).join(' · ') : error.message;
  return (
    <Banner
      type={error.code === 'PAYMENT_NOT_FOUND' ? 'default' : 'critical'}
      title={title}
      description={text}
    />
  );
};
