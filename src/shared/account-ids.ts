/** Facts about account ids that host and page share (src/main/auth/account-id.ts makes them). */

/** `acct_` and 22 base64url characters: what `auth.*` calls take as an `accountId`. */
export const ACCOUNT_ID_PATTERN = /^acct_[A-Za-z0-9_-]{22}$/;

/** How many identities one provider may hold at once. */
export const MAX_ACCOUNTS_PER_PROVIDER = 10;
