/**
 * The gate every host call passes, whatever the transport: the method must exist in the contract, its
 * arguments must match the contract's schema, and whatever the handler does, the caller gets a Result.
 * Transports add their own caller checks (IPC sender, web secret) before they get here.
 */
import type { z } from 'zod';
import { methods, type MethodName, type MethodResult, type ParsedArgs } from '../../shared/contract.ts';
import { isMethodName } from '../../shared/contract-names.ts';
import { HostError, fail, ok, type Result } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { IssueError } from '../../shared/schemas.ts';

export interface CallContext {
  /** The window (Electron) or page load (web mode) that made the call. */
  clientId: string;
}

export type Handlers = {
  [K in MethodName]: (ctx: CallContext, ...args: ParsedArgs<K>) => MethodResult<K> | Promise<MethodResult<K>>;
};

function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string; error: IssueError | null } {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  // Our own schemas put the error's code and details here (schemas.ts); zod's built-in issues carry none.
  const error = issue.code === 'custom' ? ((issue.params?.error as IssueError | undefined) ?? null) : null;
  const message =
    issue.path.length === 0 && issue.code === 'invalid_type'
      ? 'the arguments must be a list'
      : issue.code === 'too_big' && issue.origin === 'array'
        ? `too many arguments (at most ${String(issue.maximum)})`
        : issue.code === 'too_small' && issue.origin === 'array'
          ? `missing arguments (expected ${String(issue.minimum)})`
          : issue.message;
  return { path, message, error };
}

export function createDispatcher(handlers: Handlers, log: Logger = console) {
  return async function dispatch(name: unknown, args: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isMethodName(name)) {
      // Never echo the name back unbounded: it is caller-controlled.
      return fail({
        code: 'unknown_method',
        message: `no host method named ${JSON.stringify(String(name).slice(0, 80))}`,
      });
    }
    const parsed = methods[name].args.safeParse(args);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const d = first ? describeIssue(first) : { path: '', message: 'invalid arguments', error: null };
      return fail({
        code: d.error?.code ?? 'invalid_argument',
        message: `${name}: ${d.message}`,
        path: d.path,
        ...(d.error ? { details: d.error.details } : {}),
      });
    }
    try {
      const handler = handlers[name] as (ctx: CallContext, ...a: readonly unknown[]) => unknown;
      const value = await handler(ctx, ...(parsed.data as readonly unknown[]));
      return ok(value === undefined ? null : value);
    } catch (error) {
      if (error instanceof HostError) return fail(error.toJSON());
      // Unexpected failures are logged by method name only: arguments may hold secrets.
      log.error(
        `latchkey: ${name} failed unexpectedly:`,
        error instanceof Error ? error.message : 'non-error thrown',
      );
      return fail({ code: 'internal', message: `${name} failed unexpectedly; see the host log` });
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
