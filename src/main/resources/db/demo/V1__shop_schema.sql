-- The demo shop. Every referential rule appears at least once, so that a preview on this data shows each outcome:
--   CASCADE      customers -> orders -> order_items -> shipment_items (and orders -> shipments -> shipment_items),
--                customers -> addresses, categories -> categories (a tree), the product_categories join table
--   SET NULL     orders.shipping_address_id, customers.account_manager_id
--   SET DEFAULT  products.category_id falls back to category 1, "Uncategorized", which exists
--   RESTRICT     order_items.product_id (a product that was sold cannot go), employees.manager_id (nor a manager)
--   NO ACTION    invoices.order_number (an invoiced order cannot go) - a FK to a UNIQUE column, not the primary key
--   composite    order_items (order_id, line_no) is referenced by shipment_items with a composite FK
--   declared     activity_log.customer_id has no constraint; configuration declares the relationship
-- Tables are qualified with public: Flyway's own history table stays in schema seed, out of the demo's sight.

CREATE TABLE public.employees (
    id          INTEGER      NOT NULL,
    first_name  VARCHAR(60)  NOT NULL,
    last_name   VARCHAR(60)  NOT NULL,
    email       VARCHAR(120) NOT NULL,
    job_title   VARCHAR(80)  NOT NULL,
    manager_id  INTEGER,
    hired_on    DATE         NOT NULL,
    CONSTRAINT employees_pkey PRIMARY KEY (id),
    CONSTRAINT employees_email_key UNIQUE (email),
    CONSTRAINT employees_manager_id_fkey FOREIGN KEY (manager_id)
        REFERENCES public.employees (id) ON DELETE RESTRICT
);

CREATE TABLE public.customers (
    id                  INTEGER      NOT NULL,
    email               VARCHAR(120) NOT NULL,
    first_name          VARCHAR(60)  NOT NULL,
    last_name           VARCHAR(60)  NOT NULL,
    phone               VARCHAR(30),
    account_manager_id  INTEGER,
    created_at          TIMESTAMP    NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_account_manager_id_fkey FOREIGN KEY (account_manager_id)
        REFERENCES public.employees (id) ON DELETE SET NULL
);

CREATE TABLE public.addresses (
    id           INTEGER      NOT NULL,
    customer_id  INTEGER      NOT NULL,
    kind         VARCHAR(20)  NOT NULL,
    street       VARCHAR(120) NOT NULL,
    city         VARCHAR(80)  NOT NULL,
    postal_code  VARCHAR(20)  NOT NULL,
    country      CHAR(2)      NOT NULL,
    CONSTRAINT addresses_pkey PRIMARY KEY (id),
    CONSTRAINT addresses_customer_id_fkey FOREIGN KEY (customer_id)
        REFERENCES public.customers (id) ON DELETE CASCADE
);
CREATE INDEX addresses_customer_id_idx ON public.addresses (customer_id);

CREATE TABLE public.categories (
    id         INTEGER     NOT NULL,
    parent_id  INTEGER,
    name       VARCHAR(80) NOT NULL,
    slug       VARCHAR(80) NOT NULL,
    CONSTRAINT categories_pkey PRIMARY KEY (id),
    CONSTRAINT categories_slug_key UNIQUE (slug),
    CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id)
        REFERENCES public.categories (id) ON DELETE CASCADE
);
CREATE INDEX categories_parent_id_idx ON public.categories (parent_id);

CREATE TABLE public.products (
    id           INTEGER       NOT NULL,
    sku          VARCHAR(20)   NOT NULL,
    name         VARCHAR(120)  NOT NULL,
    price        DECIMAL(10,2) NOT NULL,
    category_id  INTEGER       DEFAULT 1 NOT NULL,
    CONSTRAINT products_pkey PRIMARY KEY (id),
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES public.categories (id) ON DELETE SET DEFAULT
);
CREATE INDEX products_category_id_idx ON public.products (category_id);

-- Many-to-many: a product is listed in several categories besides its main one.
CREATE TABLE public.product_categories (
    product_id   INTEGER NOT NULL,
    category_id  INTEGER NOT NULL,
    CONSTRAINT product_categories_pkey PRIMARY KEY (product_id, category_id),
    CONSTRAINT product_categories_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES public.products (id) ON DELETE CASCADE,
    CONSTRAINT product_categories_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES public.categories (id) ON DELETE CASCADE
);
CREATE INDEX product_categories_category_id_idx ON public.product_categories (category_id);

CREATE TABLE public.orders (
    id                   INTEGER     NOT NULL,
    order_number         VARCHAR(20) NOT NULL,
    customer_id          INTEGER     NOT NULL,
    shipping_address_id  INTEGER,
    status               VARCHAR(20) NOT NULL,
    ordered_at           TIMESTAMP   NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_order_number_key UNIQUE (order_number),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)
        REFERENCES public.customers (id) ON DELETE CASCADE,
    CONSTRAINT orders_shipping_address_id_fkey FOREIGN KEY (shipping_address_id)
        REFERENCES public.addresses (id) ON DELETE SET NULL
);
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);
CREATE INDEX orders_shipping_address_id_idx ON public.orders (shipping_address_id);

CREATE TABLE public.order_items (
    order_id    INTEGER       NOT NULL,
    line_no     INTEGER       NOT NULL,
    product_id  INTEGER       NOT NULL,
    quantity    INTEGER       NOT NULL,
    unit_price  DECIMAL(10,2) NOT NULL,
    CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id)
        REFERENCES public.orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES public.products (id) ON DELETE RESTRICT
);
CREATE INDEX order_items_product_id_idx ON public.order_items (product_id);

CREATE TABLE public.payments (
    id         INTEGER       NOT NULL,
    order_id   INTEGER       NOT NULL,
    method     VARCHAR(20)   NOT NULL,
    amount     DECIMAL(10,2) NOT NULL,
    paid_at    TIMESTAMP     NOT NULL,
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id)
        REFERENCES public.orders (id) ON DELETE CASCADE
);
CREATE INDEX payments_order_id_idx ON public.payments (order_id);

-- Invoices reference the order by its business number, a UNIQUE column that is not the primary key, and keep
-- the order from being deleted: bookkeeping must retain both.
CREATE TABLE public.invoices (
    id              INTEGER       NOT NULL,
    invoice_number  VARCHAR(20)   NOT NULL,
    order_number    VARCHAR(20)   NOT NULL,
    total           DECIMAL(10,2) NOT NULL,
    issued_at       TIMESTAMP     NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_invoice_number_key UNIQUE (invoice_number),
    CONSTRAINT invoices_order_number_fkey FOREIGN KEY (order_number)
        REFERENCES public.orders (order_number) ON DELETE NO ACTION
);
CREATE INDEX invoices_order_number_idx ON public.invoices (order_number);

CREATE TABLE public.shipments (
    id               INTEGER     NOT NULL,
    order_id         INTEGER     NOT NULL,
    carrier          VARCHAR(40) NOT NULL,
    tracking_number  VARCHAR(40) NOT NULL,
    shipped_at       TIMESTAMP   NOT NULL,
    CONSTRAINT shipments_pkey PRIMARY KEY (id),
    CONSTRAINT shipments_tracking_number_key UNIQUE (tracking_number),
    CONSTRAINT shipments_order_id_fkey FOREIGN KEY (order_id)
        REFERENCES public.orders (id) ON DELETE CASCADE
);
CREATE INDEX shipments_order_id_idx ON public.shipments (order_id);

-- Which order lines went into which parcel: a composite FK to order_items' composite primary key.
CREATE TABLE public.shipment_items (
    shipment_id  INTEGER NOT NULL,
    order_id     INTEGER NOT NULL,
    line_no      INTEGER NOT NULL,
    quantity     INTEGER NOT NULL,
    CONSTRAINT shipment_items_pkey PRIMARY KEY (shipment_id, order_id, line_no),
    CONSTRAINT shipment_items_shipment_id_fkey FOREIGN KEY (shipment_id)
        REFERENCES public.shipments (id) ON DELETE CASCADE,
    CONSTRAINT shipment_items_order_item_fkey FOREIGN KEY (order_id, line_no)
        REFERENCES public.order_items (order_id, line_no) ON DELETE CASCADE
);
CREATE INDEX shipment_items_order_item_idx ON public.shipment_items (order_id, line_no);

-- Written by the web shop, which never declared a constraint (the PlanetScale way of working): the relationship
-- to customers exists only in SafeDelete's configuration (safedelete.targets.demo.declared-relationships).
CREATE TABLE public.activity_log (
    id           INTEGER      NOT NULL,
    customer_id  INTEGER      NOT NULL,
    action       VARCHAR(40)  NOT NULL,
    detail       VARCHAR(200),
    occurred_at  TIMESTAMP    NOT NULL,
    CONSTRAINT activity_log_pkey PRIMARY KEY (id)
);
CREATE INDEX activity_log_customer_id_idx ON public.activity_log (customer_id);
