/** The cookie that carries a sign-in session's id. */
export const SESSION_COOKIE = 'faultline_session';

/** The value of one cookie of a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // our ids are base64url: anything else is not ours and is ignored
    return /^[\w-]{1,128}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * The Set-Cookie of a new session. HttpOnly: no script reads it. SameSite=Strict: a browser sends it only with
 * requests another site did not start; the page itself needs nothing more, since it loads signed out and asks
 * /api/session with its own same-site fetch, so Lax's one gain (a signed-in first load from a link) buys nothing.
 * Secure when the page is served over https.
 */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${id}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
