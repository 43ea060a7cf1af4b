CREATE SEQUENCE "public"."customer_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "branches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "branches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"address" text,
	"phone" varchar(20),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "companies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"tax_code" varchar(14),
	"address" text,
	"phone" varchar(20),
	"customer_code_prefix" varchar(4) DEFAULT 'KH' NOT NULL,
	"anomaly_high_factor_pct" integer DEFAULT 151 NOT NULL,
	"anomaly_low_factor_pct" integer DEFAULT 51 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "master_meters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "master_meters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"ward_id" integer,
	"installed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reading_books" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reading_books_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"route_id" integer NOT NULL,
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"reader_name" text,
	"reading_day" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reading_day_range" CHECK ("reading_day" is null or "reading_day" between 1 and 31)
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "routes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"branch_id" integer NOT NULL,
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"district" text NOT NULL,
	"province" text NOT NULL,
	"kind" varchar(16) DEFAULT 'ward' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ward_kind" CHECK ("kind" in ('ward', 'commune', 'town'))
);
--> statement-breakpoint
CREATE TABLE "complaint_kinds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaint_kinds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"resolution_days" integer DEFAULT 15 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custom_field_defs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "custom_field_defs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" varchar(32) NOT NULL UNIQUE,
	"label" text NOT NULL,
	"kind" varchar(8) DEFAULT 'text' NOT NULL,
	"is_required" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_field_kind" CHECK ("kind" in ('text', 'number', 'date'))
);
--> statement-breakpoint
CREATE TABLE "installation_teams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "installation_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"leader" text,
	"phone" varchar(20),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meter_types" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meter_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"manufacturer" text,
	"diameter_mm" integer,
	"max_index" integer DEFAULT 99999 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_types" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(24) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"utility" varchar(16) DEFAULT 'water' NOT NULL,
	"is_domestic" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_utility" CHECK ("utility" in ('water', 'electricity', 'sanitation'))
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"key" varchar(128) PRIMARY KEY,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_books" (
	"user_id" integer,
	"book_id" integer,
	CONSTRAINT "user_books_pkey" PRIMARY KEY("user_id","book_id")
);
--> statement-breakpoint
CREATE TABLE "user_permissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "user_permissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"branch_id" integer NOT NULL,
	"group" varchar(16) NOT NULL,
	"object" varchar(32) NOT NULL,
	"can_access" boolean DEFAULT false NOT NULL,
	"can_add" boolean DEFAULT false NOT NULL,
	"can_edit" boolean DEFAULT false NOT NULL,
	"can_delete" boolean DEFAULT false NOT NULL,
	"can_print" boolean DEFAULT false NOT NULL,
	"can_export" boolean DEFAULT false NOT NULL,
	CONSTRAINT "permission_group" CHECK ("group" in ('document', 'catalog', 'report')),
	CONSTRAINT "rights_need_access" CHECK ("can_access" or not ("can_add" or "can_edit" or "can_delete" or "can_print" or "can_export"))
);
--> statement-breakpoint
CREATE TABLE "user_routes" (
	"user_id" integer,
	"route_id" integer,
	CONSTRAINT "user_routes_pkey" PRIMARY KEY("user_id","route_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"login" varchar(16) NOT NULL UNIQUE,
	"full_name" text NOT NULL,
	"email" text,
	"phone" varchar(20),
	"password_hash" text NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_format" CHECK ("login" ~ '^[a-z0-9]{1,16}$')
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" varchar(64) NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text NOT NULL UNIQUE,
	"title" text,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"number" varchar(24) NOT NULL UNIQUE,
	"revision" integer NOT NULL,
	"address" text NOT NULL,
	"signed_on" date NOT NULL,
	"handover_on" date,
	"installed_on" date,
	"installation_team_id" integer,
	"is_current" boolean DEFAULT true NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" varchar(24) NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "customer_usage_splits" (
	"customer_id" integer NOT NULL,
	"service_type_id" integer NOT NULL,
	"percent" integer NOT NULL,
	CONSTRAINT "split_percent" CHECK ("percent" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(16) NOT NULL UNIQUE,
	"book_id" integer NOT NULL,
	"sequence_no" integer NOT NULL,
	"name" text NOT NULL,
	"customer_type" smallint DEFAULT 0 NOT NULL,
	"tax_code" varchar(14),
	"citizen_id" varchar(12),
	"address" text NOT NULL,
	"ward_id" integer,
	"service_type_id" integer,
	"households" integer DEFAULT 1 NOT NULL,
	"persons" integer DEFAULT 1 NOT NULL,
	"master_meter_id" integer,
	"phone" varchar(20),
	"fax" varchar(20),
	"email" text,
	"bank_account" varchar(32),
	"bank_name" text,
	"wastewater_fee_mode" varchar(8) DEFAULT 'standard' NOT NULL,
	"wastewater_fee_bp" integer,
	"status" smallint DEFAULT 1 NOT NULL,
	"is_preferential" boolean DEFAULT false NOT NULL,
	"preferential_until" date,
	"extra" jsonb DEFAULT '{}' NOT NULL,
	"latitude" numeric(9,6),
	"longitude" numeric(9,6),
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_type" CHECK ("customer_type" in (0, 1)),
	CONSTRAINT "customer_status" CHECK ("status" in (0, 1)),
	CONSTRAINT "households_positive" CHECK ("households" >= 1),
	CONSTRAINT "persons_non_negative" CHECK ("persons" >= 0),
	CONSTRAINT "sequence_positive" CHECK ("sequence_no" > 0),
	CONSTRAINT "wastewater_mode" CHECK ("wastewater_fee_mode" in ('standard', 'exempt', 'custom')),
	CONSTRAINT "wastewater_custom_rate" CHECK (("wastewater_fee_mode" = 'custom') = ("wastewater_fee_bp" is not null) and coalesce("wastewater_fee_bp", 0) between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"meter_type_id" integer,
	"serial" varchar(32) NOT NULL,
	"seal_no" varchar(32),
	"verified_on" date,
	"installed_on" date NOT NULL,
	"initial_index" integer DEFAULT 0 NOT NULL,
	"removed_on" date,
	"final_index" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meter_indexes" CHECK ("initial_index" >= 0 and ("final_index" is null or "final_index" >= 0))
);
--> statement-breakpoint
CREATE TABLE "tariff_tiers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tariff_tiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"up_to" integer,
	"unit_price" bigint NOT NULL,
	CONSTRAINT "tier_price" CHECK ("unit_price" >= 0),
	CONSTRAINT "tier_limit" CHECK ("up_to" is null or "up_to" > 0)
);
--> statement-breakpoint
CREATE TABLE "tariff_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tariff_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"service_type_id" integer NOT NULL,
	"effective_from" date NOT NULL,
	"basis" varchar(12) NOT NULL,
	"prices_include_vat" boolean DEFAULT false NOT NULL,
	"vat_rate_bp" integer DEFAULT 500 NOT NULL,
	"proration_method" varchar(16) DEFAULT 'split_days' NOT NULL,
	"min_consumption" integer,
	"meter_subscription" bigint,
	"environment_fee_bp" integer DEFAULT 1000 NOT NULL,
	"drainage_bp" integer DEFAULT 0 NOT NULL,
	"drainage_vat_bp" integer DEFAULT 0 NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tariff_basis" CHECK ("basis" in ('household', 'person', 'flat')),
	CONSTRAINT "tariff_proration" CHECK ("proration_method" in ('split_days', 'weighted_days', 'reading_date')),
	CONSTRAINT "tariff_rates" CHECK ("vat_rate_bp" >= 0 and "environment_fee_bp" >= 0 and "drainage_bp" >= 0 and "drainage_vat_bp" >= 0)
);
--> statement-breakpoint
CREATE TABLE "adjustments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "adjustments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"tariff_period" char(7) NOT NULL,
	"bill_period" char(7) NOT NULL,
	"quantity" integer,
	"amount" bigint,
	"reason" text NOT NULL,
	"group_key" varchar(40),
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adjustment_kind" CHECK ("kind" in ('backbill_m3', 'backbill_amount', 'spread')),
	CONSTRAINT "adjustment_value" CHECK (("quantity" is not null and "quantity" > 0) or ("amount" is not null and "amount" > 0))
);
--> statement-breakpoint
CREATE TABLE "device_submissions" (
	"device_id" varchar(64),
	"submission_id" varchar(64),
	"user_id" integer,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_submissions_pkey" PRIMARY KEY("device_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "period_locks" (
	"period" char(7),
	"book_id" integer DEFAULT 0,
	"locked_by" integer,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "period_locks_pkey" PRIMARY KEY("period","book_id")
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "readings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"book_id" integer NOT NULL,
	"period" char(7) NOT NULL,
	"previous_index" integer NOT NULL,
	"current_index" integer,
	"consumption" integer NOT NULL,
	"code" varchar(16) DEFAULT 'normal' NOT NULL,
	"is_estimated" boolean DEFAULT false NOT NULL,
	"anomalies" jsonb DEFAULT '[]' NOT NULL,
	"anomaly_status" varchar(8) DEFAULT 'none' NOT NULL,
	"source" varchar(8) DEFAULT 'manual' NOT NULL,
	"note" text,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "reading_anomaly_status" CHECK ("anomaly_status" in ('none', 'open', 'cleared')),
	CONSTRAINT "reading_source" CHECK ("source" in ('manual', 'import', 'device', 'system')),
	CONSTRAINT "reading_indexes" CHECK ("previous_index" >= 0 and ("current_index" is null or "current_index" >= 0))
);
--> statement-breakpoint
CREATE TABLE "suspensions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "suspensions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"from_period" char(7) NOT NULL,
	"to_period" char(7),
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_run_skips" (
	"run_id" integer,
	"customer_id" integer,
	"reason" varchar(24) NOT NULL,
	CONSTRAINT "billing_run_skips_pkey" PRIMARY KEY("run_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "billing_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "billing_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period" char(7) NOT NULL,
	"scope" jsonb NOT NULL,
	"status" varchar(12) DEFAULT 'queued' NOT NULL,
	"total_customers" integer DEFAULT 0 NOT NULL,
	"processed_customers" integer DEFAULT 0 NOT NULL,
	"last_customer_id" integer DEFAULT 0 NOT NULL,
	"invoice_count" integer DEFAULT 0 NOT NULL,
	"consumption" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "billing_run_status" CHECK ("status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"invoice_id" bigint,
	"ordinal" integer,
	"kind" varchar(16) NOT NULL,
	"description" text NOT NULL,
	"tariff_version_id" integer,
	"tier" integer,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "invoice_lines_pkey" PRIMARY KEY("invoice_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"book_id" integer NOT NULL,
	"service_type_id" integer,
	"period" char(7) NOT NULL,
	"kind" varchar(12) DEFAULT 'regular' NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"consumption" integer NOT NULL,
	"subtotal" bigint NOT NULL,
	"vat" bigint NOT NULL,
	"environment_fee" bigint NOT NULL,
	"drainage_fee" bigint NOT NULL,
	"drainage_vat" bigint NOT NULL,
	"total" bigint NOT NULL,
	"needs_recalculation" boolean DEFAULT false NOT NULL,
	"run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_kind" CHECK ("kind" in ('regular', 'backbill')),
	CONSTRAINT "invoice_status" CHECK ("status" in ('draft', 'issued', 'cancelled')),
	CONSTRAINT "invoice_amounts" CHECK ("subtotal" >= 0 and "vat" >= 0 and "total" >= 0)
);
--> statement-breakpoint
CREATE INDEX "master_meters_ward_id_index" ON "master_meters" ("ward_id");--> statement-breakpoint
CREATE INDEX "reading_books_route_id_index" ON "reading_books" ("route_id");--> statement-breakpoint
CREATE INDEX "routes_branch_id_index" ON "routes" ("branch_id");--> statement-breakpoint
CREATE INDEX "user_books_book_id_index" ON "user_books" ("book_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_permissions_user_id_branch_id_group_object_index" ON "user_permissions" ("user_id","branch_id","group","object");--> statement-breakpoint
CREATE INDEX "user_permissions_branch_id_index" ON "user_permissions" ("branch_id");--> statement-breakpoint
CREATE INDEX "user_routes_route_id_index" ON "user_routes" ("route_id");--> statement-breakpoint
CREATE INDEX "attachments_customer_id_index" ON "attachments" ("customer_id");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_index" ON "attachments" ("uploaded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_customer_id_revision_index" ON "contracts" ("customer_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_one_current" ON "contracts" ("customer_id") WHERE "is_current";--> statement-breakpoint
CREATE INDEX "contracts_installation_team_id_index" ON "contracts" ("installation_team_id");--> statement-breakpoint
CREATE INDEX "customer_history_customer_id_at_index" ON "customer_history" ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_history_user_id_index" ON "customer_history" ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_usage_splits_customer_id_service_type_id_index" ON "customer_usage_splits" ("customer_id","service_type_id");--> statement-breakpoint
CREATE INDEX "customer_usage_splits_service_type_id_index" ON "customer_usage_splits" ("service_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_book_sequence" ON "customers" ("book_id","sequence_no");--> statement-breakpoint
CREATE INDEX "customers_ward_id_index" ON "customers" ("ward_id");--> statement-breakpoint
CREATE INDEX "customers_service_type_id_index" ON "customers" ("service_type_id");--> statement-breakpoint
CREATE INDEX "customers_master_meter_id_index" ON "customers" ("master_meter_id");--> statement-breakpoint
CREATE INDEX "customers_phone_index" ON "customers" ("phone");--> statement-breakpoint
CREATE INDEX "meters_customer_id_index" ON "meters" ("customer_id");--> statement-breakpoint
CREATE INDEX "meters_meter_type_id_index" ON "meters" ("meter_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meters_one_active" ON "meters" ("customer_id") WHERE "is_active";--> statement-breakpoint
CREATE UNIQUE INDEX "meters_serial_in_service" ON "meters" ("serial") WHERE "is_active";--> statement-breakpoint
CREATE UNIQUE INDEX "tariff_tiers_version_id_ordinal_index" ON "tariff_tiers" ("version_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "tariff_versions_service_type_id_effective_from_index" ON "tariff_versions" ("service_type_id","effective_from");--> statement-breakpoint
CREATE INDEX "adjustments_customer_id_bill_period_index" ON "adjustments" ("customer_id","bill_period");--> statement-breakpoint
CREATE INDEX "adjustments_created_by_index" ON "adjustments" ("created_by");--> statement-breakpoint
CREATE INDEX "device_submissions_user_id_index" ON "device_submissions" ("user_id");--> statement-breakpoint
CREATE INDEX "period_locks_locked_by_index" ON "period_locks" ("locked_by");--> statement-breakpoint
CREATE UNIQUE INDEX "readings_customer_id_period_meter_id_index" ON "readings" ("customer_id","period","meter_id");--> statement-breakpoint
CREATE INDEX "readings_book_id_period_index" ON "readings" ("book_id","period");--> statement-breakpoint
CREATE INDEX "readings_meter_id_index" ON "readings" ("meter_id");--> statement-breakpoint
CREATE INDEX "readings_entered_by_index" ON "readings" ("entered_by");--> statement-breakpoint
CREATE INDEX "readings_open_anomalies" ON "readings" ("period") WHERE "anomaly_status" = 'open';--> statement-breakpoint
CREATE INDEX "suspensions_customer_id_index" ON "suspensions" ("customer_id");--> statement-breakpoint
CREATE INDEX "suspensions_created_by_index" ON "suspensions" ("created_by");--> statement-breakpoint
CREATE INDEX "billing_run_skips_customer_id_index" ON "billing_run_skips" ("customer_id");--> statement-breakpoint
CREATE INDEX "billing_runs_period_index" ON "billing_runs" ("period");--> statement-breakpoint
CREATE INDEX "billing_runs_started_by_index" ON "billing_runs" ("started_by");--> statement-breakpoint
CREATE INDEX "invoice_lines_tariff_version_id_index" ON "invoice_lines" ("tariff_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_one_per_kind" ON "invoices" ("customer_id","period","kind");--> statement-breakpoint
CREATE INDEX "invoices_book_id_period_index" ON "invoices" ("book_id","period");--> statement-breakpoint
CREATE INDEX "invoices_service_type_id_index" ON "invoices" ("service_type_id");--> statement-breakpoint
CREATE INDEX "invoices_run_id_index" ON "invoices" ("run_id");--> statement-breakpoint
ALTER TABLE "master_meters" ADD CONSTRAINT "master_meters_ward_id_wards_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "wards"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "reading_books" ADD CONSTRAINT "reading_books_route_id_routes_id_fkey" FOREIGN KEY ("route_id") REFERENCES "routes"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_branch_id_branches_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "user_books" ADD CONSTRAINT "user_books_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "user_books" ADD CONSTRAINT "user_books_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "user_permissions" ADD CONSTRAINT "user_permissions_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "user_permissions" ADD CONSTRAINT "user_permissions_branch_id_branches_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "user_routes" ADD CONSTRAINT "user_routes_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "user_routes" ADD CONSTRAINT "user_routes_route_id_routes_id_fkey" FOREIGN KEY ("route_id") REFERENCES "routes"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fkey" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_installation_team_id_installation_teams_id_fkey" FOREIGN KEY ("installation_team_id") REFERENCES "installation_teams"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "customer_history" ADD CONSTRAINT "customer_history_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "customer_history" ADD CONSTRAINT "customer_history_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "customer_usage_splits" ADD CONSTRAINT "customer_usage_splits_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "customer_usage_splits" ADD CONSTRAINT "customer_usage_splits_service_type_id_service_types_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_types"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_ward_id_wards_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "wards"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_service_type_id_service_types_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_types"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_master_meter_id_master_meters_id_fkey" FOREIGN KEY ("master_meter_id") REFERENCES "master_meters"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_meter_type_id_meter_types_id_fkey" FOREIGN KEY ("meter_type_id") REFERENCES "meter_types"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "tariff_tiers" ADD CONSTRAINT "tariff_tiers_version_id_tariff_versions_id_fkey" FOREIGN KEY ("version_id") REFERENCES "tariff_versions"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "tariff_versions" ADD CONSTRAINT "tariff_versions_service_type_id_service_types_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_types"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_created_by_users_id_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "device_submissions" ADD CONSTRAINT "device_submissions_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "period_locks" ADD CONSTRAINT "period_locks_locked_by_users_id_fkey" FOREIGN KEY ("locked_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_meter_id_meters_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_entered_by_users_id_fkey" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_created_by_users_id_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "billing_run_skips" ADD CONSTRAINT "billing_run_skips_run_id_billing_runs_id_fkey" FOREIGN KEY ("run_id") REFERENCES "billing_runs"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "billing_run_skips" ADD CONSTRAINT "billing_run_skips_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_started_by_users_id_fkey" FOREIGN KEY ("started_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tariff_version_id_tariff_versions_id_fkey" FOREIGN KEY ("tariff_version_id") REFERENCES "tariff_versions"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_service_type_id_service_types_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_types"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_run_id_billing_runs_id_fkey" FOREIGN KEY ("run_id") REFERENCES "billing_runs"("id") ON DELETE SET NULL;