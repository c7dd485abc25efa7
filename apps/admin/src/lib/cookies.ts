export const SESSION_COOKIE = 'lede_session';
