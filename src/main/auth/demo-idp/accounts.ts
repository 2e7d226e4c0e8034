/** The demo identity provider's accounts. Everyone's password is "demo"; nothing here is real. */
export interface DemoAccount {
  id: string;
  name: string;
  email: string;
  groups: string[];
}

export const DEMO_PASSWORD = 'demo';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@demo.latchkey.invalid', groups: ['admins', 'engineering'] },
  { id: 'grace', name: 'Grace Hopper', email: 'grace@demo.latchkey.invalid', groups: ['engineering'] },
  { id: 'alan', name: 'Alan Turing', email: 'alan@demo.latchkey.invalid', groups: ['research'] },
];

export function findDemoAccount(id: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.id === id);
}

/** A small avatar drawn on the spot, so the demo shows a picture without loading anything from elsewhere. */
export function avatarDataUrl(account: DemoAccount): string {
  const initials = account.name
    .split(' ')
    .map((w) => w[0])
    .join('');
  const hue = [...account.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="32" fill="hsl(${hue},55%,45%)"/><text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
