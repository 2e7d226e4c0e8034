import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt } from '../../src/main/services/crypto/passphrase-encryption.ts';
import { PYTHON, PYTHON_SKIP_LINE, hasPythonCryptography, pythonRequired } from '../helpers/python.ts';
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
      .filter({ hasText: /Encrypted in \d+ ms, readable by Flet 0\.27\.5 and later/ })
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

  it('encrypts for the Flet version chosen', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const panel = page.getByRole('region', { name: 'Passphrase encryption' });
    await panel
      .getByRole('combobox', { name: 'Flet version' })
      .selectOption({ label: 'Flet 0.1.60 – 0.27.4' });
    await panel.getByLabel('Passphrase').fill('old app');
    await panel.getByRole('textbox', { name: 'Input' }).fill('for an older Flet');
    await panel.getByRole('button', { name: 'Encrypt' }).click();
    await panel.getByRole('status').filter({ hasText: 'readable by Flet 0.1.60 – 0.27.4' }).waitFor();
    const encrypted = await panel.getByRole('textbox', { name: 'Output' }).inputValue();
    expect(await decrypt(encrypted, 'old app', 100_000)).toBe('for an older Flet');
    await page.close();
  });

  it("decrypts text made by Flet's own functions in Python, and says which Flet versions wrote it", async ({
    skip,
  }) => {
    if (!hasPythonCryptography()) {
      if (pythonRequired)
        throw new Error('LATCHKEY_REQUIRE_PYTHON=1 but /usr/bin/python3 has no cryptography');
      console.warn(PYTHON_SKIP_LINE);
      skip();
    }
    // flet.security.encrypt as Flet writes it, with the count of Flet 0.1.60 – 0.27.4.
    const script = `
import base64, os
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
salt = os.urandom(16)
kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=100000)
f = Fernet(base64.urlsafe_b64encode(kdf.derive("from python".encode("utf-8"))))
print(base64.urlsafe_b64encode(salt + f.encrypt("made in Python ✓".encode("utf-8"))).decode())`;
    const made = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' }).stdout.trim();
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const panel = page.getByRole('region', { name: 'Passphrase encryption' });
    await panel.getByLabel('Passphrase').fill('from python');
    // Pasted as a mail program might wrap it, padding lost.
    await panel
      .getByRole('textbox', { name: 'Input' })
      .fill(made.replace(/=+$/, '').replace(/(.{64})/g, '$1\n'));
    await panel.getByRole('button', { name: 'Decrypt' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /Decrypted in \d+ ms: written for Flet 0\.1\.60 – 0\.27\.4, 100,000 iterations/ })
      .waitFor();
    expect(await panel.getByRole('textbox', { name: 'Output' }).inputValue()).toBe('made in Python ✓');
    await page.close();
  });
});
