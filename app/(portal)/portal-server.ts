import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import { PortalCompanyQuery, type PortalCompanyInfo } from '@/components/portal/portal.documents';
import type { GraphQLContext } from '@/graphql/context';
import { prefetch } from '@/lib/graphql/prefetch';

/**
 * The portal's request context: always anonymous, whoever is signed in, so a staff member sees the public pages
 * exactly as a visitor does and no session is read to render them. Built once per request (React `cache`).
 */
export const getPortalContext: () => Promise<GraphQLContext> = cache(async () => {
  const { db } = await getAppDatabase();
  return { db, actor: null, ip: clientAddress(await headers()) };
});

const NO_COMPANY: PortalCompanyInfo = {
  name: 'Công ty cấp nước',
  address: null,
  hotline: null,
  phone: null,
  email: null,
  taxCode: null,
  officeHours: null,
};

/** The company row as the public `portalCompany` field gives it; read once per request for the title and the page. */
export const getPortalCompany: () => Promise<PortalCompanyInfo> = cache(async () => {
  const result = await prefetch(await getPortalContext(), PortalCompanyQuery, {});
  return result.data?.portalCompany ?? NO_COMPANY;
});

/** `tel:` link of a number as printed ("1900 54 54 33" → "tel:1900545433"). */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
