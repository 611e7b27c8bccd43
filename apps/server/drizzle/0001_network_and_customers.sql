CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE SEQUENCE "public"."customer_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"national_id_enc" text,
	"national_id_last4" text,
	"latitude" double precision,
	"longitude" double precision,
	"notes" text,
	"status" text DEFAULT 'active' NOT NULL,
	"site_id" uuid,
	"odp_id" uuid,
	"odp_port" integer,
	"reseller_id" uuid,
	"portal_password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_status_check" CHECK ("customers"."status" in ('active', 'inactive'))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	"type" text NOT NULL,
	"username" text NOT NULL,
	"password_enc" text,
	"static_ip" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"start_date" date,
	"billing_day" integer,
	"next_plan_id" uuid,
	"next_plan_from" date,
	"router_revision" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_type_check" CHECK ("subscriptions"."type" in ('pppoe', 'hotspot', 'static')),
	CONSTRAINT "subscriptions_status_check" CHECK ("subscriptions"."status" in ('pending', 'active', 'isolated', 'suspended', 'terminated')),
	CONSTRAINT "subscriptions_billing_day_check" CHECK ("subscriptions"."billing_day" between 1 and 28)
);
--> statement-breakpoint
CREATE TABLE "integration_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integration_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"system" text NOT NULL,
	"router_id" uuid,
	"subscription_id" uuid,
	"customer_id" uuid,
	"operation" text NOT NULL,
	"ok" boolean NOT NULL,
	"latency_ms" integer NOT NULL,
	"detail" text,
	"error" text,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "odps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"site_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"capacity" integer NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "odps_kind_check" CHECK ("odps"."kind" in ('odc', 'odp')),
	CONSTRAINT "odps_capacity_check" CHECK ("odps"."capacity" between 1 and 1024)
);
--> statement-breakpoint
CREATE TABLE "plan_routers" (
	"plan_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	CONSTRAINT "plan_routers_plan_id_router_id_pk" PRIMARY KEY("plan_id","router_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"profile_name" text NOT NULL,
	"download_kbps" integer NOT NULL,
	"upload_kbps" integer NOT NULL,
	"burst_download_kbps" integer,
	"burst_upload_kbps" integer,
	"burst_threshold_download_kbps" integer,
	"burst_threshold_upload_kbps" integer,
	"burst_seconds" integer,
	"price" bigint NOT NULL,
	"tax_rate_bp" integer DEFAULT 1100 NOT NULL,
	"billing_period" text DEFAULT 'monthly' NOT NULL,
	"local_address" text,
	"remote_pool" text,
	"shared_users" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_type_check" CHECK ("plans"."type" in ('pppoe', 'hotspot', 'static')),
	CONSTRAINT "plans_rates_check" CHECK ("plans"."download_kbps" > 0 and "plans"."upload_kbps" > 0),
	CONSTRAINT "plans_price_check" CHECK ("plans"."price" >= 0),
	CONSTRAINT "plans_tax_check" CHECK ("plans"."tax_rate_bp" between 0 and 10000),
	CONSTRAINT "plans_period_check" CHECK ("plans"."billing_period" in ('monthly', 'quarterly', 'yearly'))
);
--> statement-breakpoint
CREATE TABLE "routers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"addresses" text[] NOT NULL,
	"port" integer NOT NULL,
	"transport" text NOT NULL,
	"tls_mode" text DEFAULT 'verify' NOT NULL,
	"tls_fingerprint" text,
	"username" text NOT NULL,
	"password_enc" text NOT NULL,
	"codepage" text DEFAULT 'windows-1252' NOT NULL,
	"ros_version" text,
	"identity" text,
	"board" text,
	"site_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"notes" text,
	"isolation_mode" text DEFAULT 'profile' NOT NULL,
	"isolation_pool" text DEFAULT '172.30.0.2-172.30.255.254' NOT NULL,
	"online" boolean,
	"last_seen_at" timestamp with time zone,
	"last_error" text,
	"desired_revision" bigint DEFAULT 0 NOT NULL,
	"synced_revision" bigint DEFAULT 0 NOT NULL,
	"last_sync_at" timestamp with time zone,
	"last_sync_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routers_transport_check" CHECK ("routers"."transport" in ('api', 'api-ssl', 'rest')),
	CONSTRAINT "routers_tls_mode_check" CHECK ("routers"."tls_mode" in ('verify', 'fingerprint', 'anonymous')),
	CONSTRAINT "routers_isolation_mode_check" CHECK ("routers"."isolation_mode" in ('disable', 'profile')),
	CONSTRAINT "routers_codepage_check" CHECK ("routers"."codepage" in ('windows-1252', 'utf-8')),
	CONSTRAINT "routers_port_check" CHECK ("routers"."port" between 1 and 65535)
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_kind_check" CHECK ("sites"."kind" in ('area', 'pop'))
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_odp_id_odps_id_fk" FOREIGN KEY ("odp_id") REFERENCES "public"."odps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_reseller_id_users_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_next_plan_id_plans_id_fk" FOREIGN KEY ("next_plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odps" ADD CONSTRAINT "odps_parent_id_odps_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."odps"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odps" ADD CONSTRAINT "odps_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_routers" ADD CONSTRAINT "plan_routers_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_routers" ADD CONSTRAINT "plan_routers_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routers" ADD CONSTRAINT "routers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_parent_id_sites_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_number_key" ON "customers" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_odp_port_key" ON "customers" USING btree ("odp_id","odp_port");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customers_reseller_idx" ON "customers" USING btree ("reseller_id");--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_phone_idx" ON "customers" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_username_key" ON "subscriptions" USING btree (lower("username")) WHERE "subscriptions"."status" <> 'terminated';--> statement-breakpoint
CREATE INDEX "subscriptions_customer_idx" ON "subscriptions" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "subscriptions_router_idx" ON "subscriptions" USING btree ("router_id","status");--> statement-breakpoint
CREATE INDEX "subscriptions_username_trgm_idx" ON "subscriptions" USING gin (lower("username") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "integration_log_router_idx" ON "integration_log" USING btree ("router_id","id");--> statement-breakpoint
CREATE INDEX "integration_log_customer_idx" ON "integration_log" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "integration_log_subscription_idx" ON "integration_log" USING btree ("subscription_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "odps_name_key" ON "odps" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "plan_routers_router_idx" ON "plan_routers" USING btree ("router_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_name_key" ON "plans" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "plans_profile_name_key" ON "plans" USING btree ("profile_name");--> statement-breakpoint
CREATE UNIQUE INDEX "routers_name_key" ON "routers" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_name_key" ON "sites" USING btree (lower("name"));