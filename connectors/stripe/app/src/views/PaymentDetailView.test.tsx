import { render } from '@stripe/ui-extension-sdk/testing';
import { Badge, Banner, Button, Link, PropertyListItem, Select } from '@stripe/ui-extension-sdk/ui';
import { host } from '../host';
import { contextFor, fixture, stripeSignature, until } from '../testing/backend-fixture';
import PaymentDetailView from './PaymentDetailView';

jest.mock('../host');
const mockedHost = jest.mocked(host);

const paymentContext = (id: string, options: { account?: string; locale?: string } = {}) => {
  const context = contextFor(options.account ?? fixture().linkedAccount, {
    viewport: 'stripe.dashboard.payment.detail',
    object: { id, object: 'payment_intent' },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  mockedHost.fetchStripeSignature.mockImplementation(async () => stripeSignature(context));
  return context;
};

const button = (wrapper: ReturnType<typeof render>['wrapper'], text: string) =>
  wrapper.findAll(Button).find((b) => b.text.includes(text));

describe('PaymentDetailView', () => {
  beforeEach(() => {
    mockedHost.showToast.mockResolvedValue(undefined);
    mockedHost.copy.mockResolvedValue(undefined);
  });

  it("shows the stamped CFDI's status, UUID and XML/PDF links that download the real documents", async () => {
    const { wrapper, update } = render(
      <PaymentDetailView {...paymentContext(fixture().payments.invoiced)} />,
    );
    await until(update, () => wrapper.findAll(Badge).length > 0);
    expect(wrapper).toContainText('Facturado');
    expect(wrapper).toContainText('Timbrada');
    const total = wrapper.findAll(PropertyListItem).find((i) => i.prop('label') === 'Total');
    expect(total?.prop('value')).toBe('$1,160.00 MXN');
    const uuid = wrapper.findAll(PropertyListItem).find((i) => i.prop('label') === 'Folio fiscal (UUID)');
    expect(String(uuid?.prop('value'))).toMatch(/^[0-9A-F-]{36}$/);
    const links = wrapper.findAll(Link);
    expect(links.map((l) => l.text)).toEqual(['Descargar XML', 'Descargar PDF']);
    const xml = await fetch(String(links[0]!.prop('href')));
    expect(xml.status).toBe(200);
    expect(await xml.text()).toContain(String(uuid?.prop('value')));
    const pdf = await fetch(String(links[1]!.prop('href')));
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(button(wrapper, 'Cancelar CFDI')).toBeDefined();
    expect(button(wrapper, 'Emitir factura ahora')).toBeUndefined();
  });

  it('copies the self-invoice link of a receipt the server gives, and offers no issue without fiscal data', async () => {
    const { wrapper, update } = render(<PaymentDetailView {...paymentContext(fixture().payments.receipt)} />);
    await until(update, () => wrapper.findAll(Badge).length > 0);
    expect(wrapper).toContainText('Esperando datos del cliente');
    expect(button(wrapper, 'Emitir factura ahora')).toBeUndefined();
    await wrapper.act(async () => {
      await button(wrapper, 'Copiar enlace de autofactura')!.trigger('onPress');
    });
    await until(update, () => mockedHost.copy.mock.calls.length > 0);
    expect(mockedHost.copy.mock.calls[0]![0]).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/[a-z0-9-]+\/r\/.+/);
    expect(mockedHost.showToast).toHaveBeenCalledWith('Enlace copiado: compártelo con tu cliente.');
  });

  it('cancels the CFDI with the motive chosen, in English when the user reads English', async () => {
    const { wrapper, update } = render(
      <PaymentDetailView {...paymentContext(fixture().payments.cancel, { locale: 'en-US' })} />,
    );
    await until(update, () => button(wrapper, 'Cancel CFDI') !== undefined);
    wrapper.act(() => {
      button(wrapper, 'Cancel CFDI')!.trigger('onPress');
    });
    wrapper.act(() => {
      wrapper.find(Select)!.trigger('onChange', { target: { value: '02' } });
    });
    await wrapper.act(async () => {
      await button(wrapper, 'Confirm cancellation')!.trigger('onPress');
    });
    await until(update, () => wrapper.text.includes('Cancelled'));
    expect(mockedHost.showToast).toHaveBeenCalledWith('Cancellation requested from SAT.');
    expect(button(wrapper, 'Cancel CFDI')).toBeUndefined();
  });

  it('tells an account not linked yet to link it in the settings', async () => {
    const context = paymentContext(fixture().payments.invoiced, { account: fixture().strangerAccount });
    const { wrapper, update } = render(<PaymentDetailView {...context} />);
    await until(update, () => wrapper.find(Banner) !== null);
    expect(wrapper.find(Banner)!.prop('title')).toBe('Vincula tu cuenta');
    expect(wrapper.findAll(Link)).toHaveLength(0);
  });
});
