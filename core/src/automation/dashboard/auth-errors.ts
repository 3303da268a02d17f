/**
 * Errors of dashboard sign-up and login. Login failures never say whether the email exists: a wrong
 * password, an unknown email and a locked account read the same to someone guessing addresses.
 */
import { AutofacturaError } from '../../errors.js';

export const LOCKOUT = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

export function loginFailed(): AutofacturaError {
  return new AutofacturaError({
    code: 'LOGIN_FAILED',
    status: 401,
    message: 'Correo o contraseña incorrectos. Revisa ambos e inténtalo de nuevo.',
    messageEn: 'Wrong email or password. Check both and try again.',
  });
}

export function loginLocked(minutes: number): AutofacturaError {
  return new AutofacturaError({
    code: 'LOGIN_LOCKED',
    status: 429,
    message: `Demasiados intentos fallidos. Por seguridad, espera ${minutes} min y vuelve a intentarlo.`,
    messageEn: `Too many failed attempts. For your security, wait ${minutes} min and try again.`,
  });
}

export function signupRefused(): AutofacturaError {
  return new AutofacturaError({
    code: 'SIGNUP_REFUSED',
    status: 409,
    message: 'No pudimos crear una cuenta con ese correo. Si ya tienes una, inicia sesión.',
    messageEn: 'We could not create an account with that email. If you already have one, log in.',
  });
}

export function signupInvalid(field: 'email' | 'password'): AutofacturaError {
  return new AutofacturaError({
    code: field === 'email' ? 'SIGNUP_EMAIL_INVALID' : 'SIGNUP_PASSWORD_WEAK',
    status: 422,
    message:
      field === 'email'
        ? 'Escribe un correo válido, p. ej. ana@tuempresa.mx.'
        : 'La contraseña debe tener al menos 10 caracteres y no ser tu correo.',
    messageEn:
      field === 'email'
        ? 'Enter a valid email, e.g. ana@yourcompany.mx.'
        : 'The password must have at least 10 characters and not be your email.',
    details: [
      {
        code: field === 'email' ? 'SIGNUP_EMAIL_INVALID' : 'SIGNUP_PASSWORD_WEAK',
        path: field,
        message:
          field === 'email'
            ? 'Escribe un correo válido, p. ej. ana@tuempresa.mx.'
            : 'La contraseña debe tener al menos 10 caracteres y no ser tu correo.',
        messageEn:
          field === 'email'
            ? 'Enter a valid email, e.g. ana@yourcompany.mx.'
            : 'The password must have at least 10 characters and not be your email.',
      },
    ],
  });
}
