import { mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { ENCODER_ASSETS } from './lib/knowledge/semantic/protocol';
import { SITE_MATCHES } from './lib/schema/site-catalog';
import { writeQuantisedUseLite } from './server/knowledge/embed-model';

/** The overlay's page, shown in an iframe on the sites (entrypoints/overlay-frame/): the only web-accessible resource. */
const OVERLAY_FRAME = 'overlay-frame.html';
/** Where it may be framed: the built-in sites, and custom sites on the local hosts Tandem holds without asking. */
const FRAME_MATCHES = [...SITE_MATCHES, 'http://127.0.0.1/*', 'http://localhost/*'];

/** TF.js's single-threaded WebAssembly backends (SIMD and the fallback); the threaded one cannot start under the CSP. */
const WASM_BACKENDS = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];

/**
 * The sentence encoder's files (lib/knowledge/semantic/): USE lite quantised to uint8 from the npm package at build
 * time (7.4 MB; never committed) and the WebAssembly backends from node_modules, under semantic/ in the output.
 */
function encoderAssets(): Array<{ absoluteSrc: string; relativeDest: string }> {
  const model = writeQuantisedUseLite(mkdtempSync(join(tmpdir(), 'tandem-build-use-lite-')));
  const core = dirname(createRequire(import.meta.url).resolve('@energetic-ai/core'));
  return [
    ...readdirSync(model).map((file) => ({ absoluteSrc: join(model, file), relativeDest: `${ENCODER_ASSETS}${file}` })),
    ...WASM_BACKENDS.map((file) => ({ absoluteSrc: join(core, file), relativeDest: `${ENCODER_ASSETS}${file}` })),
  ];
}

// The manifest is generated; this file only says what WXT cannot infer.
export default defineConfig({
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...encoderAssets());
    },
  },
  srcDir: '.',
  outDir: '.output',
  // Minified: the overlay content script runs on every matching page, so its size is a cost (< 50 kB gzip).
  vite: () => ({ plugins: [preact()], build: { minify: true } }),
  manifest: ({ browser }) => ({
    // Name, description and the command's text come from the browser's language (public/_locales, docs/i18n.md).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // Each permission and host permission is explained in docs/permissions.md.
    // scripting: the overlay on the organisation's CRM hosts and custom sites (site rules) is registered at run time.
    // activeTab and the optional <all_urls>: tabs.captureVisibleTab accepts nothing narrower (site host permissions are
    // not enough), and "Attach screenshot" is opt-in, so the broad grant is asked for only when the agent wants it.
    // notifications: SLA escalations reach the case's assignee and the team's managers (lib/notifications).
    // idle: auto-away after the team's minutes without input (lib/assignment); no install warning, no page access.
    // offscreen (Chrome): the sentence encoder's worker runs in an offscreen document, opened only while suggestions
    // by meaning are on (lib/knowledge/semantic/host.ts); Firefox's background page starts the worker itself.
    permissions: [
      'activeTab',
      'storage',
      'alarms',
      'contextMenus',
      'tabs',
      'scripting',
      'notifications',
      'idle',
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    // 'wasm-unsafe-eval': the sentence encoder runs TF.js's WebAssembly backend (docs/security.md); no 'unsafe-eval'.
    // WXT writes this as MV2's string for Firefox.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    // The backend runs locally by default; other backends are requested at runtime from the options page.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*', ...SITE_MATCHES],
    optional_host_permissions: ['https://*/*', 'http://*/*', '<all_urls>'],
    action: { default_title: 'Tandem' },
    // An organisation presets its Tandem server by enterprise policy (lib/settings/managed.ts).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    // use_dynamic_url (Chrome): the page is reachable only at a per-session address the content script is given, so a
    // page cannot fetch chrome-extension://<id>/overlay-frame.html to learn Tandem is installed. Firefox's MV2 has a
    // per-install origin (moz-extension://<uuid>) instead, and lists resources by name.
    web_accessible_resources: browser === 'firefox' ? [OVERLAY_FRAME] : [{ resources: [OVERLAY_FRAME], matches: FRAME_MATCHES, use_dynamic_url: true }],
    // Rebindable at chrome://extensions/shortcuts.
    commands: { 'capture-case': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_command_capture_case__' } },
    ...(browser === 'firefox'
      ? {
          sidebar_action: { default_panel: 'sidepanel.html', default_title: 'Tandem' },
          browser_specific_settings: {
            gecko: {
              id: 'tandem@tandem.demo',
              // Firefox asks what leaves the browser: customer identities, captured posts and emails, page text
              // and the agent's sign-in, all sent to the organisation's own Tandem server (docs/permissions.md).
              data_collection_permissions: {
                required: ['personallyIdentifyingInfo', 'personalCommunications', 'websiteContent', 'authenticationInfo'],
              },
            },
          },
        }
      : {}),
  }),
});
