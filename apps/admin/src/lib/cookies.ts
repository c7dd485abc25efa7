/** The newsroom's own session cookie: never the reader app's `lede_session`, so neither app sees the other's. */
export const SESSION_COOKIE = 'lede_admin_session';
