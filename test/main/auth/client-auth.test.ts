import { describe, expect, it } from 'vitest';
import { clientAuth } from '../../../src/main/auth/providers/http.ts';

/** Applies a client authentication to a token request, as openid-client does, and returns what it sent. */
function apply(secret: string | undefined, method: 'client_secret_basic' | 'client_secret_post') {
  const body = new URLSearchParams({ grant_type: 'authorization_code' });
  const headers = new Headers();
  clientAuth(secret, method)({ issuer: 'https://as.example' }, { client_id: 'my client' }, body, headers);
  return { body: Object.fromEntries(body), authorization: headers.get('authorization') };
}

describe('clientAuth', () => {
  it('client_secret_basic sends the credentials in an HTTP Basic header only', () => {
    const sent = apply('s3cret', 'client_secret_basic');
    expect(sent.authorization).toMatch(/^Basic /);
    expect(Buffer.from(sent.authorization!.slice(6), 'base64').toString()).toBe('my+client:s3cret');
    expect(sent.body.client_secret).toBeUndefined();
  });

  it('client_secret_post sends them as form fields only', () => {
    const sent = apply('s3cret', 'client_secret_post');
    expect(sent.authorization).toBeNull();
    expect(sent.body).toMatchObject({ client_id: 'my client', client_secret: 's3cret' });
  });

  it('a public client sends its id and no secret', () => {
    const sent = apply(undefined, 'client_secret_basic');
    expect(sent.authorization).toBeNull();
    expect(sent.body).toMatchObject({ client_id: 'my client' });
    expect(sent.body.client_secret).toBeUndefined();
  });
});
