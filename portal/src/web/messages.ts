/** Messages shared by every HTML page (layout, language switch, error page). */
import { addMessages } from './i18n.js';

addMessages({
  es: {
    'layout.skip': 'Saltar al contenido',
    'layout.language': 'Idioma',
    'layout.switchTo': 'English',
    'layout.poweredBy': 'Facturación con autofactura',
    'layout.privacy': 'Tus datos fiscales se usan solo para emitir tus facturas.',
    'error.title': 'No se pudo completar',
    'error.code': 'Código: {code}',
    'error.back': 'Volver al inicio',
    'error.contact': '¿Necesitas ayuda? Escribe a {merchant}:',
    'error.retry': 'Intenta de nuevo',
  },
  en: {
    'layout.skip': 'Skip to content',
    'layout.language': 'Language',
    'layout.switchTo': 'Español',
    'layout.poweredBy': 'Invoicing by autofactura',
    'layout.privacy': 'Your tax details are used only to issue your invoices.',
    'error.title': 'This could not be completed',
    'error.code': 'Code: {code}',
    'error.back': 'Back to the start',
    'error.contact': 'Need help? Contact {merchant}:',
    'error.retry': 'Try again',
  },
});
