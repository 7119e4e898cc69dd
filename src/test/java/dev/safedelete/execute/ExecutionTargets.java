package dev.safedelete.execute;

import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testsupport.RealTargets;

import java.util.ArrayList;
import java.util.List;

/**
 * Targets {@code pg} and {@code maria} on databases created for this run, each holding the same small shop with the
 * shapes execution must get right (a cascade chain, SET NULL, a self-referencing row, a NOT NULL cycle of two tables)
 * and the failures it must survive: a trigger that raises, a trigger that sleeps. {@code pgro} is the PostgreSQL
 * database again, configured read-only. On PostgreSQL the leaf tables (items, audited, slow) are tallied.
 */
public class ExecutionTargets extends RealTargets {

    static volatile ScratchDatabase postgres;
    static volatile ScratchDatabase mariaDb;

    /** Customers 1..20 each own two orders with two items each and a review; tests each use their own customer. */
    static List<String> schema(boolean pg) {
        var s = new ArrayList<String>();
        s.add("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, note VARCHAR(60))");
        s.add("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, "
                + "CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)");
        s.add("CREATE TABLE items (id INT PRIMARY KEY, order_id INT NOT NULL, "
                + "CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE)");
        s.add("CREATE TABLE reviews (id INT PRIMARY KEY, customer_id INT, "
                + "CONSTRAINT reviews_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL)");
        s.add("CREATE TABLE audited (id INT PRIMARY KEY, customer_id INT NOT NULL, "
                + "CONSTRAINT audited_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)");
        s.add("CREATE TABLE slow (id INT PRIMARY KEY, customer_id INT NOT NULL, seconds INT NOT NULL, "
                + "CONSTRAINT slow_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)");
        s.add("CREATE TABLE employees (id INT PRIMARY KEY, manager_id INT NOT NULL)");
        s.add("CREATE TABLE ring_a (id INT PRIMARY KEY, b_id INT NOT NULL)");
        s.add("CREATE TABLE ring_b (id INT PRIMARY KEY, a_id INT NOT NULL, "
                + "CONSTRAINT ring_b_a_fk FOREIGN KEY (a_id) REFERENCES ring_a (id) ON DELETE CASCADE)");
        var customers = new ArrayList<String>();
        var orders = new ArrayList<String>();
        var items = new ArrayList<String>();
        var reviews = new ArrayList<String>();
        for (int c = 1; c <= 20; c++) {
            customers.add("(" + c + ", 'customer " + c + "', NULL)");
            reviews.add("(" + c + ", " + c + ")");
            for (int o = 0; o < 2; o++) {
                int order = c * 10 + o;
                orders.add("(" + order + ", " + c + ")");
                items.add("(" + (order * 10) + ", " + order + ")");
                items.add("(" + (order * 10 + 1) + ", " + order + ")");
            }
        }
        s.add("INSERT INTO customers VALUES " + String.join(", ", customers));
        s.add("INSERT INTO orders VALUES " + String.join(", ", orders));
        s.add("INSERT INTO items VALUES " + String.join(", ", items));
        s.add("INSERT INTO reviews VALUES " + String.join(", ", reviews));
        s.add("INSERT INTO audited VALUES (666, 2)");
        s.add("INSERT INTO slow VALUES (1, 3, 5), (2, 4, 5)");
        // employee 1 manages itself (the top of the hierarchy) and 2 and 3; 4 is managed by 2
        s.add("INSERT INTO employees VALUES (1, 1), (2, 1), (3, 1), (4, 2), (5, 5)");
        s.add("ALTER TABLE employees ADD CONSTRAINT employees_manager_fk FOREIGN KEY (manager_id) REFERENCES employees (id) "
                + "ON DELETE CASCADE");
        s.add("CREATE TABLE staff (id INT PRIMARY KEY, boss_id INT NOT NULL)");
        s.add("INSERT INTO staff VALUES (1, 1), (2, 2)");
        s.add("ALTER TABLE staff ADD CONSTRAINT staff_boss_fk FOREIGN KEY (boss_id) REFERENCES staff (id) ON DELETE RESTRICT");
        s.add("INSERT INTO ring_a VALUES (1, 1), (2, 2)");
        s.add("INSERT INTO ring_b VALUES (1, 1), (2, 2)");
        s.add("ALTER TABLE ring_a ADD CONSTRAINT ring_a_b_fk FOREIGN KEY (b_id) REFERENCES ring_b (id) ON DELETE CASCADE");
        if (pg) {
            s.add("CREATE FUNCTION refuse_666() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF OLD.id = 666 THEN RAISE EXCEPTION 'audited row 666 may not be deleted'; END IF; RETURN OLD; END $$");
            s.add("CREATE TRIGGER audited_refuse BEFORE DELETE ON audited FOR EACH ROW EXECUTE FUNCTION refuse_666()");
            s.add("CREATE FUNCTION sleep_first() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "PERFORM pg_sleep(OLD.seconds); RETURN OLD; END $$");
            s.add("CREATE TRIGGER slow_sleep BEFORE DELETE ON slow FOR EACH ROW EXECUTE FUNCTION sleep_first()");
        } else {
            s.add("CREATE TRIGGER audited_refuse BEFORE DELETE ON audited FOR EACH ROW BEGIN "
                    + "IF OLD.id = 666 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audited row 666 may not be deleted'; "
                    + "END IF; END");
            s.add("CREATE TRIGGER slow_sleep BEFORE DELETE ON slow FOR EACH ROW BEGIN DO SLEEP(OLD.seconds); END");
        }
        return s;
    }

    @Override
    protected void configure() {
        postgres = database(ScratchDatabase.Kind.POSTGRESQL, schema(true));
        mariaDb = database(ScratchDatabase.Kind.MARIADB, schema(false));
        property("safedelete.plans.lock-timeout", "1S");
        property("safedelete.plans.execution-statement-timeout", "2S");
        // Every leaf group PostgreSQL can count is counted, so that each failure below also happens inside the
        // database's own cascade of tallied rows.
        property("safedelete.plans.tally-above", "0");
        target("pg", postgres);
        target("pgro", postgres);
        targetProperty("pgro", "read-only", "true");
        target("maria", mariaDb);
    }

    public static class Profile extends RealTargets.Profile {
        public Profile() {
            super(ExecutionTargets.class);
        }
    }
}
