CREATE TABLE "portal_account_customers" (
	"portal_account_id" integer,
	"customer_id" integer,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_account_customers_pkey" PRIMARY KEY("portal_account_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "portal_accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "portal_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL UNIQUE,
	"name" text,
	"email_verified_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_email_lower" CHECK ("email" = lower("email"))
);
--> statement-breakpoint
CREATE TABLE "portal_verification_tokens" (
	"identifier" text,
	"token" varchar(128),
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_verification_tokens_pkey" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "work_order_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"work_order_id" integer NOT NULL,
	"kind" varchar(16) DEFAULT 'OTHER' NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" varchar(64) NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text NOT NULL UNIQUE,
	"uploaded_by" integer,
	"uploaded_by_portal" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_order_document_kind" CHECK ("kind" in ('CITIZEN_ID', 'LAND_PAPER', 'RESIDENCE', 'PHOTO', 'QUOTE', 'OTHER')),
	CONSTRAINT "work_order_document_size" CHECK ("size_bytes" between 1 and 10485760)
);
--> statement-breakpoint
CREATE TABLE "work_order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"work_order_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"portal_account_id" integer,
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tracking_code" varchar(16) NOT NULL UNIQUE,
	"kind" varchar(24) NOT NULL,
	"source" varchar(8) NOT NULL,
	"status" varchar(16) DEFAULT 'RECEIVED' NOT NULL,
	"customer_id" integer,
	"branch_id" integer NOT NULL,
	"book_id" integer,
	"ward_id" integer,
	"applicant_name" text NOT NULL,
	"applicant_phone" varchar(20) NOT NULL,
	"applicant_email" text,
	"citizen_id" varchar(12),
	"address" text,
	"latitude" numeric(9,6),
	"longitude" numeric(9,6),
	"service_type_id" integer,
	"households" integer,
	"persons" integer,
	"description" text,
	"details" jsonb DEFAULT '{}' NOT NULL,
	"complaint_kind_id" integer,
	"invoice_id" bigint,
	"team_id" integer,
	"assigned_user_id" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" date NOT NULL,
	"quote" jsonb,
	"quote_total" bigint,
	"resolution" text,
	"closed_at" timestamp with time zone,
	"portal_account_id" integer,
	"created_by" integer,
	"idempotency_key" varchar(64) UNIQUE,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_order_source" CHECK ("source" in ('PORTAL', 'PHONE', 'COUNTER', 'STAFF')),
	CONSTRAINT "work_order_status" CHECK ("status" in ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'SURVEYED', 'QUOTED', 'CONTRACTED', 'INSTALLED', 'DONE', 'REJECTED', 'CANCELLED')),
	CONSTRAINT "work_order_households" CHECK ("households" is null or "households" >= 1),
	CONSTRAINT "work_order_persons" CHECK ("persons" is null or "persons" >= 0),
	CONSTRAINT "work_order_quote_total" CHECK ("quote_total" is null or "quote_total" >= 0),
	CONSTRAINT "work_order_closed" CHECK (("closed_at" is not null) = ("status" in ('DONE', 'REJECTED', 'CANCELLED')))
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_key" varchar(128) NOT NULL,
	"channel" varchar(8) NOT NULL,
	"template" varchar(32) NOT NULL,
	"customer_id" integer,
	"work_order_id" integer,
	"portal_account_id" integer,
	"period" integer,
	"recipient" text NOT NULL,
	"payload" jsonb DEFAULT '{}' NOT NULL,
	"status" varchar(8) DEFAULT 'QUEUED' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"provider_message_id" text,
	"provider_response" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"resent_by" integer,
	CONSTRAINT "message_channel" CHECK ("channel" in ('EMAIL', 'SMS', 'ZNS')),
	CONSTRAINT "message_status" CHECK ("status" in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'))
);
--> statement-breakpoint
CREATE TABLE "notice_opt_outs" (
	"customer_id" integer,
	"channel" varchar(8),
	"source" varchar(8) NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_opt_outs_pkey" PRIMARY KEY("customer_id","channel"),
	CONSTRAINT "opt_out_channel" CHECK ("channel" in ('EMAIL', 'SMS', 'ZNS'))
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "office_hours" text;--> statement-breakpoint
ALTER TABLE "wards" ADD COLUMN "branch_id" integer;--> statement-breakpoint
CREATE INDEX "wards_branch_id_index" ON "wards" ("branch_id");--> statement-breakpoint
CREATE INDEX "portal_account_customers_customer_id_index" ON "portal_account_customers" ("customer_id");--> statement-breakpoint
CREATE INDEX "portal_verification_tokens_expires_index" ON "portal_verification_tokens" ("expires");--> statement-breakpoint
CREATE INDEX "work_order_documents_work_order_id_index" ON "work_order_documents" ("work_order_id");--> statement-breakpoint
CREATE INDEX "work_order_documents_uploaded_by_index" ON "work_order_documents" ("uploaded_by");--> statement-breakpoint
CREATE INDEX "work_order_documents_uploaded_by_portal_index" ON "work_order_documents" ("uploaded_by_portal");--> statement-breakpoint
CREATE INDEX "work_order_events_work_order_id_at_index" ON "work_order_events" ("work_order_id","at");--> statement-breakpoint
CREATE INDEX "work_order_events_user_id_index" ON "work_order_events" ("user_id");--> statement-breakpoint
CREATE INDEX "work_order_events_portal_account_id_index" ON "work_order_events" ("portal_account_id");--> statement-breakpoint
CREATE INDEX "work_orders_customer_id_received_at_index" ON "work_orders" ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "work_orders_branch_id_received_at_index" ON "work_orders" ("branch_id","received_at");--> statement-breakpoint
CREATE INDEX "work_orders_book_id_index" ON "work_orders" ("book_id");--> statement-breakpoint
CREATE INDEX "work_orders_ward_id_index" ON "work_orders" ("ward_id");--> statement-breakpoint
CREATE INDEX "work_orders_service_type_id_index" ON "work_orders" ("service_type_id");--> statement-breakpoint
CREATE INDEX "work_orders_complaint_kind_id_index" ON "work_orders" ("complaint_kind_id");--> statement-breakpoint
CREATE INDEX "work_orders_invoice_id_index" ON "work_orders" ("invoice_id");--> statement-breakpoint
CREATE INDEX "work_orders_team_id_index" ON "work_orders" ("team_id");--> statement-breakpoint
CREATE INDEX "work_orders_assigned_user_id_index" ON "work_orders" ("assigned_user_id");--> statement-breakpoint
CREATE INDEX "work_orders_portal_account_id_index" ON "work_orders" ("portal_account_id");--> statement-breakpoint
CREATE INDEX "work_orders_created_by_index" ON "work_orders" ("created_by");--> statement-breakpoint
CREATE INDEX "work_orders_open_deadline" ON "work_orders" ("deadline") WHERE "status" not in ('DONE', 'REJECTED', 'CANCELLED');--> statement-breakpoint
CREATE UNIQUE INDEX "messages_event_channel" ON "messages" ("event_key","channel");--> statement-breakpoint
CREATE INDEX "messages_customer_id_created_at_index" ON "messages" ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_work_order_id_index" ON "messages" ("work_order_id");--> statement-breakpoint
CREATE INDEX "messages_portal_account_id_index" ON "messages" ("portal_account_id");--> statement-breakpoint
CREATE INDEX "messages_resent_by_index" ON "messages" ("resent_by");--> statement-breakpoint
CREATE INDEX "messages_period_status_index" ON "messages" ("period","status");--> statement-breakpoint
CREATE INDEX "messages_due" ON "messages" ("next_attempt_at") WHERE "status" in ('QUEUED', 'SENDING');--> statement-breakpoint
CREATE INDEX "notice_opt_outs_user_id_index" ON "notice_opt_outs" ("user_id");--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_branch_id_branches_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "portal_account_customers" ADD CONSTRAINT "portal_account_customers_PnGZYUCB2tDz_fkey" FOREIGN KEY ("portal_account_id") REFERENCES "portal_accounts"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "portal_account_customers" ADD CONSTRAINT "portal_account_customers_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "work_order_documents" ADD CONSTRAINT "work_order_documents_work_order_id_work_orders_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_orders"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "work_order_documents" ADD CONSTRAINT "work_order_documents_uploaded_by_users_id_fkey" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "work_order_documents" ADD CONSTRAINT "work_order_documents_uploaded_by_portal_portal_accounts_id_fkey" FOREIGN KEY ("uploaded_by_portal") REFERENCES "portal_accounts"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_work_order_id_work_orders_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_orders"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_portal_account_id_portal_accounts_id_fkey" FOREIGN KEY ("portal_account_id") REFERENCES "portal_accounts"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_branch_id_branches_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ward_id_wards_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "wards"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_service_type_id_service_types_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_types"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_complaint_kind_id_complaint_kinds_id_fkey" FOREIGN KEY ("complaint_kind_id") REFERENCES "complaint_kinds"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_invoice_id_invoices_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_team_id_installation_teams_id_fkey" FOREIGN KEY ("team_id") REFERENCES "installation_teams"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_assigned_user_id_users_id_fkey" FOREIGN KEY ("assigned_user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_portal_account_id_portal_accounts_id_fkey" FOREIGN KEY ("portal_account_id") REFERENCES "portal_accounts"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_users_id_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_work_order_id_work_orders_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_orders"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_portal_account_id_portal_accounts_id_fkey" FOREIGN KEY ("portal_account_id") REFERENCES "portal_accounts"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_resent_by_users_id_fkey" FOREIGN KEY ("resent_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "notice_opt_outs" ADD CONSTRAINT "notice_opt_outs_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "notice_opt_outs" ADD CONSTRAINT "notice_opt_outs_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL;