/**
 * Latchkey's own options on the desktop app's command line (`npm start -- --providers FILE`). Electron and
 * Chromium put their own switches on the same command line, so unknown arguments are left alone.
 */
export interface AppArgs {
  providers: string | undefined;
  demoIdp: boolean;
  floating: boolean;
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  const args: AppArgs = { providers: undefined, demoIdp: false, floating: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--providers' && argv[i + 1] !== undefined) args.providers = argv[++i];
    else if (arg.startsWith('--providers=')) args.providers = arg.slice('--providers='.length) || undefined;
    else if (arg === '--demo-idp') args.demoIdp = true;
    else if (arg === '--floating') args.floating = true;
  }
  return args;
}
