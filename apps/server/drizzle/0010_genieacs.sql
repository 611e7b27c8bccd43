CREATE TABLE "acs_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"username" text,
	"password_enc" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"sync_interval_minutes" integer DEFAULT 5 NOT NULL,
	"online_window_minutes" integer DEFAULT 15 NOT NULL,
	"timeout_ms" integer DEFAULT 30000 NOT NULL,
	"task_timeout_ms" integer DEFAULT 10000 NOT NULL,
	"param_overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sync_tags" boolean DEFAULT true NOT NULL,
	"sync_cursor" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_full_sync_at" timestamp with time zone,
	"last_sync_devices" integer,
	"last_sync_ms" integer,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"sync_lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"subscription_id" uuid,
	"customer_id" uuid,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_enc" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"acs_task_id" text,
	"fault" jsonb,
	"last_error" text,
	"requested_by_type" text NOT NULL,
	"requested_by_id" text,
	"requested_by_name" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "device_tasks_kind_check" CHECK ("device_tasks"."kind" in ('wifi', 'reboot', 'refresh', 'factory_reset')),
	CONSTRAINT "device_tasks_status_check" CHECK ("device_tasks"."status" in ('queued', 'sent', 'done', 'faulted', 'cancelled')),
	CONSTRAINT "device_tasks_requested_by_check" CHECK ("device_tasks"."requested_by_type" in ('user', 'customer', 'system'))
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"acs_server_id" uuid NOT NULL,
	"acs_device_id" text NOT NULL,
	"oui" text NOT NULL,
	"product_class" text NOT NULL,
	"serial" text NOT NULL,
	"manufacturer" text,
	"model" text,
	"firmware" text,
	"data_model" text,
	"last_inform" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"pppoe_username" text,
	"wan_ip" text,
	"ssids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hosts_count" integer,
	"rx_power_dbm" real,
	"rx_low_since" timestamp with time zone,
	"uptime_s" bigint,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"subscription_id" uuid,
	"match_state" text DEFAULT 'unmatched' NOT NULL,
	"match_reason" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_data_model_check" CHECK ("devices"."data_model" is null or "devices"."data_model" in ('tr098', 'tr181')),
	CONSTRAINT "devices_match_state_check" CHECK ("devices"."match_state" in ('matched', 'unmatched', 'ambiguous', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "ont_serial" text;--> statement-breakpoint
ALTER TABLE "device_tasks" ADD CONSTRAINT "device_tasks_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_tasks" ADD CONSTRAINT "device_tasks_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_tasks" ADD CONSTRAINT "device_tasks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_acs_server_id_acs_servers_id_fk" FOREIGN KEY ("acs_server_id") REFERENCES "public"."acs_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acs_servers_name_key" ON "acs_servers" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "acs_servers_created_idx" ON "acs_servers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "device_tasks_device_idx" ON "device_tasks" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "device_tasks_customer_idx" ON "device_tasks" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "device_tasks_pending_idx" ON "device_tasks" USING btree ("status","next_attempt_at") WHERE "device_tasks"."status" in ('queued', 'sent');--> statement-breakpoint
CREATE UNIQUE INDEX "devices_acs_key" ON "devices" USING btree ("acs_server_id","acs_device_id");--> statement-breakpoint
CREATE INDEX "devices_created_idx" ON "devices" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "devices_last_inform_idx" ON "devices" USING btree ("last_inform");--> statement-breakpoint
CREATE INDEX "devices_rx_idx" ON "devices" USING btree ("rx_power_dbm") WHERE "devices"."rx_power_dbm" is not null;--> statement-breakpoint
CREATE INDEX "devices_review_idx" ON "devices" USING btree ("acs_server_id") WHERE "devices"."match_state" in ('unmatched', 'ambiguous');--> statement-breakpoint
CREATE INDEX "devices_pppoe_idx" ON "devices" USING btree (lower("pppoe_username"));--> statement-breakpoint
CREATE INDEX "devices_serial_idx" ON "devices" USING btree (lower("serial"));--> statement-breakpoint
CREATE INDEX "devices_subscription_idx" ON "devices" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "subscriptions_ont_serial_idx" ON "subscriptions" USING btree (lower("ont_serial")) WHERE "subscriptions"."ont_serial" is not null;