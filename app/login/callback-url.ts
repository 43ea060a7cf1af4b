/** Where to go after signing in: a path of this site only (`//host` and `/\host` would leave it), else the customer list. */
export function safeCallbackUrl(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/customers';
}
