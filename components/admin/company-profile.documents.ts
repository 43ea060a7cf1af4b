/**
 * The GraphQL documents of the company screen (Hệ thống → Thông tin công ty), typed against schema.graphql. Plain
 * module, no 'use client': the page prefetches the details with the same document the form then reads.
 */
import { graphql, type ResultOf } from '@/lib/graphql/graphql';

export const CompanyProfileFieldsFragment = graphql(`
  fragment CompanyProfileFields on CompanyProfile {
    name
    taxCode
    address
    phone
    hotline
    email
    officeHours
  }
`);
export type CompanyProfileDetails = ResultOf<typeof CompanyProfileFieldsFragment>;

export const CompanyProfileQuery = graphql(
  `
    query CompanyProfile {
      companyProfile {
        ...CompanyProfileFields
      }
    }
  `,
  [CompanyProfileFieldsFragment],
);

export const UpdateCompanyProfileMutation = graphql(
  `
    mutation UpdateCompanyProfile($input: CompanyProfileInput!) {
      updateCompanyProfile(input: $input) {
        ...CompanyProfileFields
      }
    }
  `,
  [CompanyProfileFieldsFragment],
);
