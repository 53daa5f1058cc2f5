/**
 * The in-app path to return to after login, taken from ?redirect=. Only same-app paths are
 * accepted ("/projects?x=1"); anything that could leave the site ("//host", "/\host",
 * "https://…") or loop back to the login page gives `fallback`.
 */
export function safeRedirect(target: unknown, fallback: string): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback
  if (target.startsWith('//') || target.includes('\\')) return fallback
  if (target === '/login' || target.startsWith('/login?') || target.startsWith('/login/')) return fallback
  return target
}
