/**
 * Every GraphQL document of the notices screen (Thông báo khách hàng), typed against schema.graphql.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

export const NoticeMessagesQuery = graphql(`
  query NoticeMessages($filter: MessageFilter, $first: Int, $after: String) {
    messages(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      rows {
        id
        channel
        template
        customerId
        customerCode
        customerName
        period
        recipient
        status
        attempts
        lastError
        providerMessageId
        createdAt
        sentAt
      }
    }
  }
`);
export type NoticeMessageRow = ResultOf<typeof NoticeMessagesQuery>['messages']['rows'][number];
export type NoticeMessagesVariables = VariablesOf<typeof NoticeMessagesQuery>;

export const MessageRunStatsQuery = graphql(`
  query MessageRunStats($period: Period) {
    messageRunStats(period: $period) {
      period
      messageCount
      sent
      failed
      skipped
      pending
      deliveryRate
    }
  }
`);

export const NoticeTemplatesQuery = graphql(`
  query NoticeTemplates {
    noticeTemplates {
      id
      title
      hasZns
      znsTemplateId
    }
  }
`);

export const PreviewNoticeQuery = graphql(`
  query PreviewNotice($template: String!) {
    previewNotice(template: $template) {
      template
      subject
      html
      text
      sms
      zns
      znsTemplateId
    }
  }
`);

export const ResendMessageMutation = graphql(`
  mutation ResendMessage($id: Int!) {
    resendMessage(id: $id) {
      id
      status
      attempts
      lastError
    }
  }
`);

export const QueueOverdueRemindersMutation = graphql(`
  mutation QueueOverdueReminders {
    queueOverdueReminders
  }
`);
