// Applies the committed migrations to DATABASE_URL (or the embedded PGlite database) and exits.
import { openDatabase } from '@/db/client';

const database = await openDatabase({ url: process.env.DATABASE_URL || undefined });
console.log(`migrations applied (${database.kind})`);
await database.close();
