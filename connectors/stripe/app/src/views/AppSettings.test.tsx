import { render } from '@stripe/ui-extension-sdk/testing';
import { Badge, Banner, Button, SettingsView, TextField } from '@stripe/ui-extension-sdk/ui';
import { host } from '../host';
import { contextFor, fixture, stripeSignature, until } from '../testing/backend-fixture';
import AppSettings from './AppSettings';

jest.mock('../host');
const mockedHost = jest.mocked(host);

describe('AppSettings', () => {
  it('links the Stripe account with an API key, refuses a wrong key, and unlinks', async () => {
    const context = contextFor('acct_1UiSettings', { viewport: 'settings' });
    mockedHost.fetchStripeSignature.mockImplementation(async () => stripeSignature(context));
    const { wrapper, update } = render(<AppSettings {...context} />);
    await until(update, () => wrapper.find(Badge) !== null);
    expect(wrapper.find(Badge)!.text).toBe('Sin vincular');
    expect(wrapper.findAll(TextField)[0]!.prop('value')).toBe(fixture().url);

    await wrapper.act(async () => {
      await wrapper.find(SettingsView)!.trigger('onSave', { api_key: 'af_test_wrong' });
    });
    await until(update, () => wrapper.find(Banner) !== null);
    expect(String(wrapper.find(Banner)!.prop('description'))).toMatch(/llave API no es válida/);

    await wrapper.act(async () => {
      await wrapper.find(SettingsView)!.trigger('onSave', { api_key: fixture().apiKey });
    });
    await until(update, () => wrapper.find(Badge)?.text === 'Vinculada');
    expect(wrapper).toContainText('Vinculada con Escuela Kemper · EKU9003173C9');
    expect(wrapper.find(Banner)).toBeNull();

    await wrapper.act(async () => {
      await wrapper.find(Button, { type: 'destructive' })!.trigger('onPress');
    });
    await until(update, () => wrapper.find(Badge)?.text === 'Sin vincular');
  });
});
