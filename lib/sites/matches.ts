// Where the overlay content script runs. Kept apart from the adapters so wxt.config.ts can import it
// without pulling DOM code into the config.
export const SITE_MATCHES = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://www.facebook.com/*',
  'https://*.lightning.force.com/*',
  'https://*.zendesk.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://mail.google.com/*',
  'https://*.freshdesk.com/*',
  'https://*.dynamics.com/*',
] as const;
