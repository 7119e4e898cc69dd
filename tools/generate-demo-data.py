#!/usr/bin/env python3
"""Writes src/main/resources/db/demo/V2__shop_data.sql, the demo shop's rows.

Deterministic (fixed seed): run it again after changing it and commit the SQL it writes. The shapes matter more
than the numbers: customer 1001 can be deleted (old orders, no invoices: a deep CASCADE tree), customer 1002
cannot (an invoiced order: NO ACTION), some products were never sold (deletable), others were (RESTRICT), and
activity_log has a few rows of customers that no longer exist (orphans of the declared relationship).
"""
import random
from datetime import datetime, timedelta
from pathlib import Path

rnd = random.Random(20240601)
out = []


def sql(v):
    if v is None:
        return "NULL"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, datetime):
        return f"TIMESTAMP '{v:%Y-%m-%d %H:%M:%S}'"
    if isinstance(v, tuple) and v[0] == "date":
        return f"DATE '{v[1]}'"
    return "'" + str(v).replace("'", "''") + "'"


def insert(table, columns, rows):
    out.append(f"\n-- {table}: {len(rows)} rows")
    out.append(f"INSERT INTO public.{table} ({', '.join(columns)}) VALUES")
    out.append(",\n".join("    (" + ", ".join(sql(v) for v in r) + ")" for r in rows) + ";")


FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia", "Elias", "Chloe", "Jonas",
         "Amelia", "Hugo", "Isabella", "Leon", "Charlotte", "Arthur", "Nora", "Oscar", "Lena", "Felix", "Zoe",
         "Samuel", "Maya", "Theo", "Clara", "Adam", "Alice", "Louis", "Ines", "Jakob", "Freya", "Marco", "Hanna"]
LAST = ["Smith", "Müller", "Garcia", "Rossi", "Johnson", "Dubois", "Kowalski", "Nielsen", "Brown", "Schmidt",
        "Martin", "Fischer", "Lopez", "Bianchi", "Wilson", "Novak", "Jansen", "Andersson", "Taylor", "Weber",
        "Moreau", "Silva", "O'Brien", "Horvat", "Lindqvist", "Costa", "Becker", "Murphy", "Ferrari", "Meyer"]
CITIES = [("Berlin", "DE", "10115"), ("Munich", "DE", "80331"), ("Paris", "FR", "75002"), ("Lyon", "FR", "69002"),
          ("Milan", "IT", "20121"), ("Madrid", "ES", "28013"), ("Amsterdam", "NL", "1012"), ("Vienna", "AT", "1010"),
          ("Copenhagen", "DK", "1050"), ("Dublin", "IE", "D02"), ("Lisbon", "PT", "1100"), ("Stockholm", "SE", "111 20")]
STREETS = ["Main Street", "Station Road", "Park Avenue", "Mill Lane", "Church Street", "High Street", "Lake View",
           "Garden Row", "Harbour Quay", "Oak Drive", "Market Square", "River Walk"]

# employees: a CEO, three heads, and their teams (the self-reference is RESTRICT: a manager with reports stays)
employees = [(1, "Margaret", "Hale", "CEO", None)]
employees += [(2, "Daniel", "Okafor", "Head of Sales", 1), (3, "Priya", "Raman", "Head of Operations", 1),
              (4, "Tomás", "Herrera", "Head of Customer Care", 1)]
team_titles = {2: "Account Manager", 3: "Warehouse Lead", 4: "Support Agent"}
for i in range(5, 16):
    head = 2 if i <= 10 else (3 if i <= 12 else 4)
    employees.append((i, FIRST[i * 3 % len(FIRST)], LAST[i * 7 % len(LAST)], team_titles[head], head))
insert("employees", ["id", "first_name", "last_name", "email", "job_title", "manager_id", "hired_on"],
       [(i, f, l, f"{f.lower()}.{l.lower().replace(chr(39), '')}@shop.example".replace("ü", "ue").replace("á", "a"),
         t, m, ("date", f"{2015 + i % 8}-{1 + i % 12:02d}-{1 + i % 27:02d}")) for i, f, l, t, m in employees])
account_managers = list(range(5, 11))

# customers 1001..1060
customers = []
for n in range(60):
    cid = 1001 + n
    f, l = FIRST[(n * 5 + 3) % len(FIRST)], LAST[(n * 11 + 2) % len(LAST)]
    email = f"{f.lower()}.{l.lower()}{cid % 97}@mail.example".replace("'", "").replace("ü", "ue")
    manager = account_managers[n % len(account_managers)] if n % 3 != 2 else None
    created = datetime(2021, 1, 5) + timedelta(days=rnd.randint(0, 900), minutes=rnd.randint(0, 1440))
    phone = f"+{rnd.choice([33, 34, 39, 45, 49])} {rnd.randint(100, 999)} {rnd.randint(100000, 999999)}" if n % 4 else None
    customers.append((cid, email, f, l, phone, manager, created))
insert("customers", ["id", "email", "first_name", "last_name", "phone", "account_manager_id", "created_at"], customers)

# addresses: one or two per customer
addresses, address_of = [], {}
aid = 1
for c in customers:
    address_of[c[0]] = []
    for kind in (["home", "work"] if c[0] % 3 == 0 else ["home"]):
        city, country, postal = rnd.choice(CITIES)
        addresses.append((aid, c[0], kind, f"{rnd.randint(1, 240)} {rnd.choice(STREETS)}", city, postal, country))
        address_of[c[0]].append(aid)
        aid += 1
insert("addresses", ["id", "customer_id", "kind", "street", "city", "postal_code", "country"], addresses)

# categories: a tree three levels deep under five roots; 1 is the SET DEFAULT fallback
categories = [(1, None, "Uncategorized", "uncategorized"),
              (2, None, "Electronics", "electronics"), (3, None, "Home & Kitchen", "home-kitchen"),
              (4, None, "Books", "books"), (5, None, "Sports & Outdoors", "sports-outdoors"),
              (6, None, "Clothing", "clothing"),
              (7, 2, "Laptops", "laptops"), (8, 2, "Phones", "phones"), (9, 2, "Audio", "audio"),
              (10, 2, "Accessories", "accessories"), (11, 9, "Headphones", "headphones"), (12, 9, "Speakers", "speakers"),
              (13, 3, "Cookware", "cookware"), (14, 3, "Furniture", "furniture"), (15, 3, "Lighting", "lighting"),
              (16, 4, "Fiction", "fiction"), (17, 4, "Non-fiction", "non-fiction"), (18, 4, "Children's Books", "childrens-books"),
              (19, 5, "Cycling", "cycling"), (20, 5, "Camping", "camping"),
              (21, 6, "Men", "men"), (22, 6, "Women", "women"), (23, 6, "Shoes", "shoes"),
              (24, 10, "Chargers & Cables", "chargers-cables")]
insert("categories", ["id", "parent_id", "name", "slug"], categories)
parent = {c[0]: c[1] for c in categories}

catalog = {
    7: [("UltraBook 14", 1299.00), ("WorkStation 16 Pro", 2199.00), ("Chromebook Go", 349.00)],
    8: [("Pixel-ish 8", 699.00), ("Galaxy-like S", 899.00), ("Budget Phone Lite", 179.00)],
    11: [("Noise-Cancelling Headphones", 299.00), ("Sport Earbuds", 89.00), ("Studio Monitor Headphones", 149.00)],
    12: [("Bluetooth Speaker Mini", 49.00), ("Smart Speaker", 99.00)],
    24: [("USB-C Cable 2m", 14.90), ("65W GaN Charger", 39.90), ("Wireless Charging Pad", 29.90)],
    10: [("Laptop Sleeve 14\"", 24.90), ("Phone Case Clear", 12.90)],
    13: [("Cast Iron Skillet 28cm", 54.00), ("Chef's Knife 20cm", 79.00), ("Non-stick Pan Set", 89.00)],
    14: [("Oak Coffee Table", 349.00), ("Ergonomic Office Chair", 429.00)],
    15: [("LED Desk Lamp", 45.00), ("Paper Floor Lamp", 69.00)],
    16: [("The Silent Harbour (novel)", 18.50), ("Winter Orchard (novel)", 16.90), ("The Last Cartographer", 21.00)],
    17: [("Designing Data Systems", 49.90), ("A Short History of Maps", 24.00)],
    18: [("The Little Lighthouse", 12.50), ("Counting Foxes", 9.90)],
    19: [("Road Bike Helmet", 89.00), ("Bike Repair Kit", 24.90), ("LED Bike Lights", 34.90)],
    20: [("2-Person Tent", 199.00), ("Down Sleeping Bag", 179.00), ("Camping Stove", 59.00)],
    21: [("Merino T-Shirt Men", 59.00), ("Rain Jacket Men", 149.00)],
    22: [("Merino T-Shirt Women", 59.00), ("Linen Dress", 89.00)],
    23: [("Trail Running Shoes", 129.00), ("Leather Sneakers", 109.00)],
    1: [("Gift Card 50", 50.00), ("Mystery Box", 29.00)],
}
products, product_categories = [], []
pid = 1
for cat, items in catalog.items():
    for name, price in items:
        products.append((pid, f"SKU-{10000 + pid * 7}", name, price, cat))
        product_categories.append((pid, cat))
        if parent.get(cat):
            product_categories.append((pid, parent[cat]))
        pid += 1
for extra in [(1, 10), (4, 10), (7, 10), (26, 5), (30, 14)]:
    if extra not in product_categories:
        product_categories.append(extra)
insert("products", ["id", "sku", "name", "price", "category_id"], products)
insert("product_categories", ["product_id", "category_id"], sorted(product_categories))
# Products never sold, so that some product deletes are not blocked by order_items (RESTRICT).
unsold = {p[0] for p in products if p[0] % 9 == 0}
sellable = [p for p in products if p[0] not in unsold]

# orders: old ones (before 2023) have no invoices (archived), newer paid ones do; pending/cancelled have neither
orders, order_items, payments, invoices, shipments, shipment_items = [], [], [], [], [], []
oid, pay_id, inv_id, ship_id = 1, 1, 1, 1
CARRIERS = ["DHL", "UPS", "DPD", "GLS", "PostNL"]
for c in customers:
    cid = c[0]
    if cid == 1001:
        plan = [("DELIVERED", datetime(2022, 3, 14, 10, 21)), ("DELIVERED", datetime(2022, 9, 2, 18, 5)),
                ("PENDING", datetime(2025, 11, 20, 9, 40))]
    elif cid == 1002:
        plan = [("DELIVERED", datetime(2024, 5, 6, 12, 0)), ("PAID", datetime(2025, 10, 1, 8, 30))]
    elif cid % 10 == 7:
        plan = []  # customers who never ordered
    else:
        plan = []
        for _ in range(rnd.randint(1, 4)):
            when = datetime(2021, 6, 1) + timedelta(days=rnd.randint(0, 1600), minutes=rnd.randint(0, 1440))
            old = when < datetime(2023, 1, 1)
            status = "DELIVERED" if old else rnd.choice(["DELIVERED", "DELIVERED", "SHIPPED", "PAID", "PENDING", "CANCELLED"])
            plan.append((status, when))
        if cid % 4 == 1:  # a quarter of the customers only ever bought before 2023: deletable
            plan = [("DELIVERED", min(w for _, w in plan).replace(year=2022))]
    for status, when in sorted(plan, key=lambda p: p[1]):
        number = f"SO-{when.year}-{oid:05d}"
        addr = rnd.choice(address_of[cid]) if rnd.random() < 0.9 else None
        orders.append((oid, number, cid, addr, status, when))
        total = 0.0
        lines = rnd.sample(sellable, rnd.randint(1, 4))
        for line_no, p in enumerate(lines, start=1):
            qty = rnd.choice([1, 1, 1, 2, 3])
            order_items.append((oid, line_no, p[0], qty, p[3]))
            total += qty * p[3]
        if status in ("PAID", "SHIPPED", "DELIVERED"):
            payments.append((pay_id, oid, rnd.choice(["card", "card", "paypal", "invoice"]), round(total, 2),
                             when + timedelta(minutes=rnd.randint(1, 90))))
            pay_id += 1
            if when >= datetime(2023, 1, 1):
                invoices.append((inv_id, f"INV-{when.year}-{inv_id:05d}", number, round(total, 2),
                                 when + timedelta(hours=2)))
                inv_id += 1
        if status in ("SHIPPED", "DELIVERED"):
            parcels = 2 if len(lines) >= 3 and rnd.random() < 0.4 else 1
            for k in range(parcels):
                shipments.append((ship_id, oid, rnd.choice(CARRIERS), f"TRK{ship_id * 7919:010d}",
                                  when + timedelta(days=1 + k)))
                for line_no, p in enumerate(lines, start=1):
                    if line_no % parcels == k:
                        shipment_items.append((ship_id, oid, line_no, 1))
                ship_id += 1
        oid += 1

insert("orders", ["id", "order_number", "customer_id", "shipping_address_id", "status", "ordered_at"], orders)
insert("order_items", ["order_id", "line_no", "product_id", "quantity", "unit_price"], order_items)
insert("payments", ["id", "order_id", "method", "amount", "paid_at"], payments)
insert("invoices", ["id", "invoice_number", "order_number", "total", "issued_at"], invoices)
insert("shipments", ["id", "order_id", "carrier", "tracking_number", "shipped_at"], shipments)
insert("shipment_items", ["shipment_id", "order_id", "line_no", "quantity"], shipment_items)

# activity_log: related to customers only by the declared relationship; customer 998 and 999 no longer exist
activity = []
ACTIONS = [("login", None), ("view_product", "product {p}"), ("add_to_cart", "product {p}"), ("checkout", None),
           ("password_reset", None), ("newsletter_signup", None)]
lid = 1
for c in customers:
    for _ in range(rnd.randint(2, 6)):
        action, detail = rnd.choice(ACTIONS)
        activity.append((lid, c[0], action, detail.format(p=rnd.choice(products)[0]) if detail else None,
                         datetime(2024, 1, 1) + timedelta(minutes=rnd.randint(0, 900000))))
        lid += 1
for ghost in (998, 998, 999):
    activity.append((lid, ghost, "login", "customer since deleted", datetime(2023, 2, 1) + timedelta(hours=lid)))
    lid += 1
insert("activity_log", ["id", "customer_id", "action", "detail", "occurred_at"], activity)

header = "-- The demo shop's rows, written by tools/generate-demo-data.py (deterministic). Do not edit by hand.\n"
target = Path(__file__).resolve().parent.parent / "src/main/resources/db/demo/V2__shop_data.sql"
target.write_text(header + "\n".join(out) + "\n", encoding="utf-8")
print(f"wrote {target}")
for name, rows in [("employees", employees), ("customers", customers), ("addresses", addresses),
                   ("categories", categories), ("products", products), ("product_categories", product_categories),
                   ("orders", orders), ("order_items", order_items), ("payments", payments), ("invoices", invoices),
                   ("shipments", shipments), ("shipment_items", shipment_items), ("activity_log", activity)]:
    print(f"{name}: {len(rows)}")
