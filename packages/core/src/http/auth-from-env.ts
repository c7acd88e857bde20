// Credentials for an HTTP API from environment variables named after the service, as its own
// clients name them: <PREFIX>_BASIC_AUTH_USER and <PREFIX>_BASIC_AUTH_PASSWORD (Basic), else
// <PREFIX>_TOKEN (Bearer). Basic wins when both are set, as Pyroscope's profilecli does.

/** The Authorization header for `prefix` (e.g. PROMETHEUS), or undefined when none is set. */
export function authorizationFromEnv(env: NodeJS.ProcessEnv, prefix: string): string | undefined {
  const user = env[`${prefix}_BASIC_AUTH_USER`];
  const password = env[`${prefix}_BASIC_AUTH_PASSWORD`];
  const token = env[`${prefix}_TOKEN`];
  if (user || password) return `Basic ${Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64')}`;
  return token ? `Bearer ${token}` : undefined;
}

/** How to set them, for messages. */
export function authAdvice(prefix: string): string {
  return `set ${prefix}_TOKEN (Bearer) or ${prefix}_BASIC_AUTH_USER and ${prefix}_BASIC_AUTH_PASSWORD (Basic)`;
}
