/** What every host module logs through: warnings and errors only, never arguments that may hold secrets. */
export type Logger = Pick<Console, 'warn' | 'error'>;
