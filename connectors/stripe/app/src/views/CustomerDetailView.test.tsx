import { render } from '@stripe/ui-extension-sdk/testing';
import { Badge, Button, TextField } from '@stripe/ui-extension-sdk/ui';
import { host } from '../host';
import { contextFor, fixture, stripeSignature, until } from '../testing/backend-fixture';
import CustomerDetailView from './CustomerDetailView';

jest.mock('../host');
const mockedHost = jest.mocked(host);

const customerContext = (id: string) => {
  const context = contextFor(fixture().linkedAccount, {
    viewport: 'stripe.dashboard.customer.detail',
    object: { id, object: 'customer' },
  });
  mockedHost.fetchStripeSignature.mockImplementation(async () => stripeSignature(context));
  return context;
};

type Wrapper = ReturnType<typeof render>['wrapper'];
const field = (wrapper: Wrapper, label: string) =>
  wrapper.findAll(TextField).find((f) => f.prop('label') === label)!;
const type = (wrapper: Wrapper, label: string, value: string) =>
  wrapper.act(() => {
    field(wrapper, label).trigger('onChange', { target: { value } });
  });

describe('CustomerDetailView', () => {
  beforeEach(() => mockedHost.showToast.mockResolvedValue(undefined));

  it('shows the fiscal data autofactura keeps for the customer', async () => {
    const { wrapper, update } = render(
      <CustomerDetailView {...customerContext(fixture().customers.known)} />,
    );
    await until(update, () => wrapper.find(Badge) !== null);
    expect(wrapper.find(Badge)!.text).toBe('Datos fiscales completos');
    expect(field(wrapper, 'RFC').prop('value')).toBe('COSC8001137NA');
    expect(field(wrapper, 'Uso del CFDI (p. ej. G03)').prop('value')).toBe('G03');
  });

  it('points at the field to fix when the data is refused, then saves valid data', async () => {
    const { wrapper, update } = render(
      <CustomerDetailView {...customerContext(fixture().customers.unknown)} />,
    );
    await until(update, () => wrapper.find(Badge) !== null);
    expect(wrapper.find(Badge)!.text).toBe('Sin datos fiscales');
    type(wrapper, 'RFC', 'XIQB891116QE');
    type(wrapper, 'Nombre o razón social (como en la constancia)', 'BERENICE XIMO QUEZADA');
    type(wrapper, 'Régimen fiscal (clave SAT, p. ej. 612)', '612');
    type(wrapper, 'Código postal fiscal', '52000');
    type(wrapper, 'Uso del CFDI (p. ej. G03)', 'G03');
    const save = () => wrapper.find(Button)!.trigger('onPress');
    await wrapper.act(async () => {
      await save();
    });
    await until(update, () => field(wrapper, 'RFC').prop('invalid') === true);
    expect(field(wrapper, 'RFC').prop('error')).toMatch(/RFC/);
    expect(mockedHost.showToast).not.toHaveBeenCalled();

    type(wrapper, 'RFC', 'XIQB891116QE4');
    await wrapper.act(async () => {
      await save();
    });
    await until(update, () => mockedHost.showToast.mock.calls.length > 0);
    expect(mockedHost.showToast).toHaveBeenCalledWith('Datos fiscales guardados.');
    expect(wrapper.find(Badge)!.text).toBe('Datos fiscales completos');
  });
});
