// Jest, as Stripe recommends for UI extensions (docs.stripe.com/stripe-apps/ui-testing): the SDK ships
// ES modules, so ts-jest compiles it along with our TypeScript into CommonJS for the test run.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: {
    '^.+\\.[jt]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@stripe/ui-extension-sdk/)'],
  testTimeout: 60000,
};
