CREATE TABLE "invoice_issue_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoice_issue_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period" char(7) NOT NULL,
	"status" varchar(12) DEFAULT 'queued' NOT NULL,
	"total_books" integer DEFAULT 0 NOT NULL,
	"done_books" integer DEFAULT 0 NOT NULL,
	"issued" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "invoice_issue_job_status" CHECK ("status" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "invoice_issue_job_progress" CHECK ("done_books" between 0 and "total_books" and "issued" >= 0)
);
--> statement-breakpoint
CREATE INDEX "invoice_issue_jobs_started_by_index" ON "invoice_issue_jobs" ("started_by");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_issue_jobs_one_active_a_period" ON "invoice_issue_jobs" ("period") WHERE "status" in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "invoice_issue_jobs" ADD CONSTRAINT "invoice_issue_jobs_started_by_users_id_fkey" FOREIGN KEY ("started_by") REFERENCES "users"("id") ON DELETE SET NULL;