import { graphql, type ResultOf } from '@/lib/graphql/graphql';

// The public portal's documents: the pages run them in-process on the server (company, service types) and the
// lookup and calculator forms send them from the browser. Only public fields: an anonymous visitor runs them all.

export const PortalCompanyQuery = graphql(`
  query PortalCompany {
    portalCompany {
      name
      address
      hotline
      phone
      email
      taxCode
      officeHours
    }
  }
`);
export type PortalCompanyInfo = ResultOf<typeof PortalCompanyQuery>['portalCompany'];

export const PortalServiceTypesQuery = graphql(`
  query PortalServiceTypes {
    portalServiceTypes {
      code
      name
      basis
    }
  }
`);
export type PortalServiceTypeOption = ResultOf<typeof PortalServiceTypesQuery>['portalServiceTypes'][number];

export const PortalBillsQuery = graphql(`
  query PortalBills($customerCode: String!, $verifier: String!) {
    portalBills(customerCode: $customerCode, verifier: $verifier) {
      customerName
      maskedAddress
      totalDue
      linksExpireAt
      invoices {
        period
        series
        number
        issuedOn
        total
        amountDue
        vietQr
        pdfUrl
        xmlUrl
      }
      consumption {
        period
        m3
      }
    }
  }
`);
export type PortalBillsResult = ResultOf<typeof PortalBillsQuery>['portalBills'];

export const PortalEstimateQuery = graphql(`
  query PortalEstimate($input: EstimateBillInput!) {
    estimateBill(input: $input) {
      lines {
        description
        quantity
        unitPrice
        amount
      }
      subtotal
      vat
      environmentFee
      drainageFee
      drainageVat
      total
      warnings {
        code
        message
      }
    }
  }
`);
