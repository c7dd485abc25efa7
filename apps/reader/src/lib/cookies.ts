/** Cookie names and formats shared by the proxy (edge of the app) and the server code. */
export const READER_COOKIE = 'lede_rid';
export const SESSION_COOKIE = 'lede_session';

/** Same shape the API accepts for anonymous reader ids. */
export const READER_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function isReaderId(value: string | undefined): value is string {
  return value !== undefined && READER_ID_PATTERN.test(value);
}
