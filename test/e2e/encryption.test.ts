import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt } from '../../src/main/services/crypto/passphrase-encryption.ts';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let web: RunningWebHost;
let browser: LaunchedBrowser;

beforeAll(async () => {
  web = await startWebHost();
  browser = await launchChromium();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(web.url).origin,
  });
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe('encryption panel in web mode', () => {
  it('encrypts, copies, decrypts, and refuses a wrong passphrase clearly', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const panel = page.getByRole('region', { name: 'Passphrase encryption' });
    const secret = 'Grüße ✓ 日本語';

    await panel.getByLabel('Passphrase').fill('correct horse');
    await panel.getByRole('textbox', { name: 'Input' }).fill(secret);
    await panel.getByRole('button', { name: 'Encrypt' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /Encrypted in \d+ ms/ })
      .waitFor();
    const encrypted = await panel.getByRole('textbox', { name: 'Output' }).inputValue();
    expect(encrypted).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
    expect(encrypted).not.toContain(secret);
    // What the UI produced is real Flet-format data: our host library decrypts it independently of the page.
    expect(await decrypt(encrypted, 'correct horse')).toBe(secret);

    await panel.getByRole('button', { name: 'Copy output' }).click();
    await panel.getByRole('status').filter({ hasText: 'copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(encrypted);

    await panel.getByRole('button', { name: 'Use output as input' }).click();
    await panel.getByRole('button', { name: 'Decrypt' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /Decrypted in \d+ ms/ })
      .waitFor();
    expect(await panel.getByRole('textbox', { name: 'Output' }).inputValue()).toBe(secret);

    await panel.getByRole('textbox', { name: 'Input' }).fill(encrypted);
    await panel.getByLabel('Passphrase').fill('wrong');
    await panel.getByRole('button', { name: 'Decrypt' }).click();
    await panel.getByRole('alert').filter({ hasText: 'wrong passphrase' }).waitFor();
    expect(await panel.getByRole('textbox', { name: 'Output' }).inputValue()).toBe('');
    await page.close();
  });

  it('shows a busy state while the key is derived', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const panel = page.getByRole('region', { name: 'Passphrase encryption' });
    await panel.getByRole('textbox', { name: 'Input' }).fill('x');
    await panel.getByRole('button', { name: 'Encrypt' }).click();
    // Both actions are disabled until the host answers, then enabled again.
    await panel.getByRole('button', { name: 'Decrypt' }).and(page.locator(':disabled')).waitFor();
    await panel.getByRole('button', { name: 'Decrypt' }).and(page.locator(':enabled')).waitFor();
    expect(await panel.getAttribute('aria-busy')).toBe('false');
    await page.close();
  });

  it('decrypts text that Python produced in Flet format', async () => {
    const py = spawnSync('/usr/bin/python3', ['-c', 'import cryptography'], { stdio: 'ignore' });
    expect(py.status === 0 || process.env.LATCHKEY_REQUIRE_PYTHON !== '1').toBe(true);
    if (py.status !== 0) return;
    const script = `
import base64, os
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
salt = os.urandom(16)
k = base64.urlsafe_b64encode(PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600000).derive(b"from python"))
t = Fernet(k).encrypt("made in Python ✓".encode())
print(base64.urlsafe_b64encode(salt + base64.urlsafe_b64decode(t)).decode())`;
    const made = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }).stdout.trim();
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const panel = page.getByRole('region', { name: 'Passphrase encryption' });
    await panel.getByLabel('Passphrase').fill('from python');
    await panel.getByRole('textbox', { name: 'Input' }).fill(made);
    await panel.getByRole('button', { name: 'Decrypt' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /Decrypted in/ })
      .waitFor();
    expect(await panel.getByRole('textbox', { name: 'Output' }).inputValue()).toBe('made in Python ✓');
    await page.close();
  });
});
