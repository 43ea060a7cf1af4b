import { graphql, type ResultOf } from '@/lib/graphql/graphql';

// The signed-in customer's documents: /tai-khoan runs them in-process with the portal session's context (never the
// staff actor), its forms' server actions send the mutations the same way.

export const MyPortalAccountQuery = graphql(`
  query MyPortalAccount {
    myPortalAccount {
      email
      customers {
        id
        code
        name
        maskedAddress
        linkedAt
        optedOutChannels
      }
    }
    myBills {
      customerId
      customerCode
      customerName
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
    }
    myPayments {
      id
      customerCode
      paidAt
      amount
      channelLabel
      reversed
    }
    myRequests {
      trackingCode
      kindLabel
      status
      statusLabel
      customerCode
      receivedAt
      deadline
      closedAt
    }
  }
`);
export type MyPortalAccountResult = ResultOf<typeof MyPortalAccountQuery>;

export const LinkCustomerCodeMutation = graphql(`
  mutation LinkCustomerCode($customerCode: String!, $verifier: String!) {
    linkCustomerCode(customerCode: $customerCode, verifier: $verifier) {
      id
      code
      name
    }
  }
`);

export const UnlinkCustomerMutation = graphql(`
  mutation UnlinkCustomer($customerId: Int!) {
    unlinkCustomer(customerId: $customerId)
  }
`);

export const SetMyNoticeOptOutMutation = graphql(`
  mutation SetMyNoticeOptOut($customerId: Int!, $channel: PortalNoticeChannel!, $optedOut: Boolean!) {
    setMyNoticeOptOut(customerId: $customerId, channel: $channel, optedOut: $optedOut) {
      id
      optedOutChannels
    }
  }
`);
