import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { storedAs } from '@/graphql/stored-enum';
import { startCompanyInvoiceIssue } from '@/jobs/invoice-issue';
import { getIssueJob, type IssueJobRow } from '@/services/invoices/issue-job.service';

const IssueJobStatusEnum = builder.enumType('IssueJobStatus', {
  values: {
    QUEUED: { value: 'queued', description: 'Đang chờ chạy' },
    RUNNING: { value: 'running', description: 'Đang phát hành' },
    DONE: { value: 'done', description: 'Đã phát hành xong' },
    FAILED: { value: 'failed', description: 'Bị lỗi, đã dừng' },
  } as const,
});

const IssueJobType = builder.objectRef<IssueJobRow>('IssueJob').implement({
  description: 'A company-wide issue of a period running as a job: poll it for progress.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    period: t.expose('period', { type: 'Period' }),
    status: t.field({ type: IssueJobStatusEnum, resolve: (r) => storedAs(IssueJobStatusEnum, r.status) }),
    totalBooks: t.exposeInt('totalBooks', { description: 'Books with drafts to issue (known once the job runs).' }),
    doneBooks: t.exposeInt('doneBooks'),
    issued: t.exposeInt('issued', { description: 'Invoices numbered so far.' }),
    error: t.exposeString('error', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

// Every book is checked when the job issues it; the fields require the right on some branch.
const issueRight = { permission: { group: 'document' as const, object: 'invoices', right: 'add' as const } };

builder.mutationFields((t) => ({
  startCompanyInvoiceIssue: t.withAuth(issueRight).field({
    type: IssueJobType,
    description:
      'Issues the drafts of every book the user may issue for the period, book by book, as a job (poll invoiceIssueJob). A second start of the same user while the job runs returns it; another user’s running job is refused (ISSUE_JOB_RUNNING).',
    args: { period: t.arg({ type: 'Period', required: true }) },
    resolve: (_root, args, ctx) => startCompanyInvoiceIssue(ctx.db, signedIn(ctx), args.period),
  }),
}));

builder.queryFields((t) => ({
  invoiceIssueJob: t.withAuth(issueRight).field({
    type: IssueJobType,
    description: 'A company-wide issue job, for its starter (or an administrator).',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getIssueJob(ctx.db, signedIn(ctx), args.id),
  }),
}));
