/** Cookie names and formats shared by the proxy (edge of the app) and the server code. */
export const READER_COOKIE = 'lede_rid';
export const SESSION_COOKIE = 'lede_session';

/** Same shape the API accepts for anonymous reader ids. */
export const READER_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function isReaderId(value: string | undefined): value is string {
  return value !== undefined && READER_ID_PATTERN.test(value);
}

/** The reader's colour scheme choice ("light" / "dark"); absent = follow the system. Readable by the page. */
export const THEME_COOKIE = 'lede_theme';

export type TTheme = 'light' | 'dark';

export function parseTheme(value: string | undefined): TTheme | null {
  return value === 'light' || value === 'dark' ? value : null;
}
