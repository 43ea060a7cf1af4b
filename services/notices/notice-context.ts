import { sql } from 'drizzle-orm';
import { serverEnv } from '@/config/env';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { EmailCompany } from '@/emails/company';
import type { RenderContext } from '@/emails/template';

/** The sender's company as every notice prints it (read once per sender run, not per message). */
async function loadEmailCompany(db: DbOrTx): Promise<EmailCompany> {
  const [c] = rowsOf<Record<string, string | null>>(
    await db.execute(sql`select name, address, coalesce(hotline, phone) as hotline, email, bank_bin, bank_account,
      bank_name from companies order by id limit 1`),
  );
  return {
    name: c?.name ?? 'Công ty Cấp nước',
    address: c?.address ?? null,
    hotline: c?.hotline ?? null,
    email: c?.email ?? null,
    bankBin: c?.bank_bin ?? null,
    bankAccount: c?.bank_account ?? null,
    bankName: c?.bank_name ?? null,
  };
}

/** Links in notices start here: PUBLIC_URL, or the development server's address. */
function publicBaseUrl(): string {
  const env = serverEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
}

export async function loadRenderContext(db: DbOrTx, images: RenderContext['images'] = 'cid'): Promise<RenderContext> {
  return { company: await loadEmailCompany(db), baseUrl: publicBaseUrl(), images };
}
