export interface WebCliOptions {
  port: number;
  open: boolean;
  dataDir: string | undefined;
  providers: string | undefined;
  demoIdp: boolean;
  help: boolean;
}

export const WEB_USAGE = `Usage: npm run web -- [options]

  --port N         listen on 127.0.0.1:N (default: a free port)
  --no-open        do not open the system browser
  --data-dir DIR   where web mode keeps its data (default: <user data>/web)
  --providers FILE sign-in providers file (default: $LATCHKEY_PROVIDERS)
  --demo-idp       also offer the built-in demo identity provider
  --help           show this text`;

export class CliError extends Error {}

/** Parses web-mode arguments. Unknown options are errors, not silently ignored. */
export function parseWebArgs(argv: readonly string[]): WebCliOptions {
  const options: WebCliOptions = {
    port: 0,
    open: true,
    dataDir: undefined,
    providers: undefined,
    demoIdp: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new CliError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535)
          throw new CliError(`--port must be a number from 0 to 65535, not ${JSON.stringify(text)}`);
        options.port = port;
        break;
      }
      case '--no-open':
        options.open = false;
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--providers':
        options.providers = value();
        break;
      case '--demo-idp':
        options.demoIdp = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new CliError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  return options;
}
