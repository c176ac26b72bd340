import { afterEach, describe, expect, it } from 'vitest';
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import { ApiClientError } from '../api/http';
import { MessageError } from '../messaging/dispatch';
import { API_ERROR_CODES } from '../schema/api';
import { errorMessage, errorMessageKey } from './errors';
import { useBrowserLanguage } from './test-setup';

afterEach(() => useBrowserLanguage('en'));

const catalogs: Record<string, Record<string, { message: string }>> = { english, german };

describe('error messages', () => {
  it('have a message in both catalogs for every code the server can send, German differing from English', () => {
    const missing = API_ERROR_CODES.flatMap((code) => {
      const key = errorMessageKey(code);
      if (!key) return [`${code}: no catalog key`];
      return Object.entries(catalogs).flatMap(([name, catalog]) => (catalog[key]?.message ? [] : [`${code}: ${key} missing in ${name}`]));
    });
    expect(missing).toEqual([]);
    expect(
      API_ERROR_CODES.filter(
        (code) => german[errorMessageKey(code) as keyof typeof german].message === english[errorMessageKey(code) as keyof typeof english].message,
      ),
    ).toEqual([]);
  });

  it('show a German reader the code’s German sentence, not the server’s English one', () => {
    useBrowserLanguage('de');
    const refusal = new MessageError('forbidden', 'This needs the manager or admin role; you are signed in as an agent.');
    expect(errorMessage(refusal)).toBe('Nicht erlaubt: Ihre Rolle oder Ihr Team hat dafür keine Berechtigung.');
    expect(errorMessage(new ApiClientError('offline', 'Cannot reach the Tandem server at http://x.', null))).toBe(
      'Der Tandem-Server ist nicht erreichbar. Bitte prüfen Sie die Adresse und Ihre Verbindung.',
    );
  });

  it('show an English reader the code’s summary with the server’s own sentence, which says more', () => {
    const refusal = new MessageError('forbidden', 'This needs the manager or admin role; you are signed in as an agent.');
    expect(errorMessage(refusal)).toBe('Not allowed: This needs the manager or admin role; you are signed in as an agent.');
  });

  it('fall back to the server’s text for a code this build does not know, and to the message of a plain error', () => {
    useBrowserLanguage('de');
    expect(errorMessage(new MessageError('brand_new_code', 'Something the server learned later.'))).toBe('Something the server learned later.');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
  });
});
