// Applies the committed migrations to DATABASE_URL (or the embedded PGlite database) and exits.
import { serverEnv } from '@/config/env';
import { openDatabase } from '@/db/client';

const database = await openDatabase({ url: serverEnv().DATABASE_URL });
console.log(`migrations applied (${database.kind})`);
await database.close();
