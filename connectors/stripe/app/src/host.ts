/**
 * What the views ask of the Stripe Dashboard that hosts them: a signature for our backend, toasts and
 * the clipboard. One module, so tests can stand in for the host (which only exists inside Stripe).
 */
import { clipboardWriteText, fetchStripeSignature, showToast } from '@stripe/ui-extension-sdk/utils';

export const host = {
  fetchStripeSignature: (): Promise<string> => fetchStripeSignature(),
  showToast: async (message: string, type: 'success' | 'caution' = 'success'): Promise<void> => {
    await showToast(message, { type });
  },
  copy: (text: string): Promise<void> => clipboardWriteText(text),
};
