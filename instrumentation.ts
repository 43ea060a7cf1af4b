/** Runs once when the server starts: check the environment, stamp client addresses, migrate, seed demo data on an empty database, print the demo logins. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before anything else: a mistyped variable stops the server here, with a message naming it.
    const { appEnv } = await import('./config/env');
    appEnv();
    // First, so no request is served before its socket address is known (sign-in limits key on it).
    const { installSocketAddressStamp } = await import('./app/server/client-address');
    installSocketAddressStamp();
    const { getAppDatabase } = await import('./app/server/app-database');
    await getAppDatabase();
  }
}
