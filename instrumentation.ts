/** Runs once when the server starts: migrate, seed demo data on an empty database, print the demo logins. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getAppDatabase } = await import('./app/server/app-database');
    await getAppDatabase();
  }
}
