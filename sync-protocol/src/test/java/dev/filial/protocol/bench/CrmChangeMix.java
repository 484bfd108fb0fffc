package dev.filial.protocol.bench;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A repeatable CRM change mix for the benchmark: tables customer, contact, price and order_line;
 * about 80% updates of 1-4 columns, 15% inserts of 6-10 columns and 5% deletes, in transactions of
 * 1-5 changes. Row ids are UUIDv7 and are reused, so updates and deletes hit rows that exist (rows
 * seeded before the batch, or inserted earlier in it); half of the updates go to recently touched rows.
 */
final class CrmChangeMix {

    private static final String[] FIRST = {"Anna", "Boris", "Dmitry", "Elena", "Fedor", "Galina", "Igor", "Irina",
            "Kirill", "Larisa", "Maxim", "Natalia", "Oleg", "Olga", "Pavel", "Roman", "Svetlana", "Sergey", "Tatiana",
            "Viktor", "Vera", "Yuri", "Zoya", "Andrey", "Marina", "Nikolai", "Polina", "Artem", "Daria", "Ivan"};
    private static final String[] LAST = {"Ivanov", "Smirnova", "Kuznetsov", "Popova", "Vasiliev", "Petrova",
            "Sokolov", "Mikhailova", "Novikov", "Fedorova", "Morozov", "Volkova", "Alekseev", "Lebedeva", "Semenov",
            "Egorova", "Pavlov", "Kozlova", "Stepanov", "Nikolaeva", "Orlov", "Andreeva", "Makarov", "Zakharova"};
    private static final String[] COMPANY_WORD = {"Alfa", "Vector", "Sever", "Ural", "Volga", "Baltika", "Sibir",
            "Tekhno", "Agro", "Stroy", "Torg", "Prom", "Invest", "Logistik", "Servis", "Snab", "Mebel", "Auto"};
    private static final String[] COMPANY_FORM = {"LLC", "JSC", "Ltd", "Group", "Trading House"};
    private static final String[] CITY = {"Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg",
            "Nizhny Novgorod", "Samara", "Rostov-on-Don", "Krasnodar", "Voronezh", "Perm", "Ufa"};
    private static final String[] STREET = {"Lenina", "Mira", "Sovetskaya", "Gagarina", "Pushkina", "Sadovaya",
            "Tsentralnaya", "Molodezhnaya", "Shkolnaya", "Lesnaya"};
    private static final String[] POSITION = {"Director", "Chief accountant", "Purchasing manager", "Sales manager",
            "Logistics", "Owner", "Deputy director", "Storekeeper"};
    private static final String[] PRICE_LIST = {"retail", "wholesale", "dealer", "promo"};
    private static final String[] SEGMENT = {"A", "B", "C", "VIP"};
    private static final String[] COMMENT = {"", "call before delivery", "urgent", "pallet", "as agreed with manager",
            "partial shipment allowed", "no substitutes", "deliver to warehouse 2, gate 3, after 14:00"};
    private static final String[] DOMAIN = {"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "company.ru"};
    private static final LocalDate BASE_DATE = LocalDate.of(2026, 1, 1);

    /** A column: its name, how to make a value, and whether updates change it. */
    private record Column(String name, Function<Random, Value> value, boolean updatable) {
    }

    private record Row(String id, LinkedHashMap<String, Value> values) {
    }

    private static final class Table {
        final String name;
        final List<Column> columns;
        final List<Column> updatable = new ArrayList<>();
        final List<Row> rows = new ArrayList<>();

        Table(String name, List<Column> columns) {
            this.name = name;
            this.columns = columns;
            columns.stream().filter(Column::updatable).forEach(updatable::add);
        }
    }

    private final Random random;
    private final NodeCode origin;
    private final Table[] tables;
    private final double[] tableWeights = {0.15, 0.20, 0.25, 0.40};
    private long millis = Instant.parse("2026-03-02T06:00:00Z").toEpochMilli();
    private long lastPhysical = -1;
    private int logical;

    CrmChangeMix(long seed, NodeCode origin) {
        this.random = new Random(seed);
        this.origin = origin;
        Table customer = new Table("customer", List.of(
                new Column("name", r -> Value.of(company(r)), true),
                new Column("inn", r -> Value.of(digits(r, 10)), false),
                new Column("phone", r -> Value.of(phone(r)), true),
                new Column("email", r -> Value.of(email(r)), true),
                new Column("city", r -> Value.of(pick(r, CITY)), true),
                new Column("address", r -> Value.of(address(r)), true),
                new Column("credit_limit", r -> Value.of(money(r, 1_000_000)), true),
                new Column("discount_pct", r -> Value.of(r.nextInt(26)), true),
                new Column("is_active", r -> Value.of(r.nextInt(10) > 0), true),
                new Column("created_on", r -> Value.of(date(r, -900, 0)), false),
                new Column("manager", r -> Value.of(person(r)), true),
                new Column("segment", r -> Value.of(pick(r, SEGMENT)), true)));
        Table contact = new Table("contact", List.of(
                new Column("customer_id", r -> Value.of(Uuid7.next(millis - r.nextInt(1_000_000_000), r)), false),
                new Column("first_name", r -> Value.of(pick(r, FIRST)), true),
                new Column("last_name", r -> Value.of(pick(r, LAST)), true),
                new Column("phone", r -> Value.of(phone(r)), true),
                new Column("email", r -> Value.of(email(r)), true),
                new Column("position", r -> Value.of(pick(r, POSITION)), true),
                new Column("is_primary", r -> Value.of(r.nextBoolean()), true),
                new Column("birthday", r -> Value.of(date(r, -25_000, -6_500)), true),
                new Column("mobile", r -> Value.of(phone(r)), true),
                new Column("notes", r -> Value.of(r.nextInt(3) == 0 ? "prefers email" : ""), true)));
        Table price = new Table("price", List.of(
                new Column("product_code", r -> Value.of("SKU-" + digits(r, 6)), false),
                new Column("price_list", r -> Value.of(pick(r, PRICE_LIST)), false),
                new Column("amount", r -> Value.of(money(r, 50_000)), true),
                new Column("currency", r -> Value.of("RUB"), false),
                new Column("valid_from", r -> Value.of(date(r, -30, 60)), true),
                new Column("valid_to", r -> Value.of(date(r, 60, 400)), true),
                new Column("min_qty", r -> Value.of(1 + r.nextInt(100)), true),
                new Column("is_active", r -> Value.of(r.nextInt(8) > 0), true),
                new Column("vat_pct", r -> Value.of(r.nextInt(4) == 0 ? 10 : 20), true),
                new Column("updated_by", r -> Value.of(person(r)), true)));
        Table orderLine = new Table("order_line", List.of(
                new Column("order_id", r -> Value.of(Uuid7.next(millis - r.nextInt(100_000_000), r)), false),
                new Column("line_no", r -> Value.of(1 + r.nextInt(40)), false),
                new Column("product_code", r -> Value.of("SKU-" + digits(r, 6)), true),
                new Column("quantity", r -> Value.of(1 + r.nextInt(500)), true),
                new Column("unit_price", r -> Value.of(money(r, 20_000)), true),
                new Column("discount", r -> Value.of(money(r, 2_000)), true),
                new Column("amount", r -> Value.of(money(r, 500_000)), true),
                new Column("delivery_date", r -> Value.of(date(r, 60, 90)), true),
                new Column("is_cancelled", r -> Value.of(r.nextInt(20) == 0), true),
                new Column("comment", r -> Value.of(pick(r, COMMENT)), true)));
        this.tables = new Table[] {customer, contact, price, orderLine};
        seed(customer, 5_000);
        seed(contact, 8_000);
        seed(price, 4_000);
        seed(orderLine, 20_000);
    }

    /** Transactions holding {@code changes} changes in total. */
    List<Transaction> transactions(int changes) {
        List<Transaction> out = new ArrayList<>(changes / 2);
        int made = 0;
        while (made < changes) {
            int n = Math.min(changes - made, 1 + random.nextInt(5));
            millis += random.nextInt(1500);
            List<RowChange> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(change(millis));
            }
            out.add(new Transaction(Uuid7.next(millis, random), origin, hlc(millis), list));
            made += n;
        }
        return out;
    }

    private Hlc hlc(long physical) {
        if (physical == lastPhysical) {
            logical++;
        } else {
            lastPhysical = physical;
            logical = 0;
        }
        return new Hlc(physical, logical);
    }

    private RowChange change(long now) {
        Table table = pickTable();
        int op = random.nextInt(100);
        if (op < 15 || table.rows.size() < 100) {
            Row row = newRow(table, now);
            table.rows.add(row);
            return RowChange.insert(table.name, row.id, row.values);
        }
        int index = pickRow(table);
        Row row = table.rows.get(index);
        if (op < 20) {
            Row last = table.rows.remove(table.rows.size() - 1);
            if (index < table.rows.size()) {
                table.rows.set(index, last);
            }
            return RowChange.delete(table.name, row.id, row.values);
        }
        int count = 1 + random.nextInt(4);
        Map<String, Value> newValues = new LinkedHashMap<>();
        Map<String, Value> oldValues = new LinkedHashMap<>();
        for (int i = 0; i < count * 3 && newValues.size() < count; i++) {
            Column column = table.updatable.get(random.nextInt(table.updatable.size()));
            if (newValues.containsKey(column.name)) {
                continue;
            }
            Value old = row.values.getOrDefault(column.name, Value.NULL);
            Value next = column.value.apply(random);
            if (next.equals(old)) {
                next = column.value.apply(random);
            }
            newValues.put(column.name, next);
            oldValues.put(column.name, old);
        }
        row.values.putAll(newValues);
        // Updated rows become "hot": move them to the end of the list, where half of the picks land.
        Row last = table.rows.get(table.rows.size() - 1);
        table.rows.set(index, last);
        table.rows.set(table.rows.size() - 1, row);
        return RowChange.update(table.name, row.id, newValues, oldValues);
    }

    private Table pickTable() {
        double x = random.nextDouble();
        for (int i = 0; i < tables.length - 1; i++) {
            x -= tableWeights[i];
            if (x < 0) {
                return tables[i];
            }
        }
        return tables[tables.length - 1];
    }

    private int pickRow(Table table) {
        int size = table.rows.size();
        if (random.nextBoolean()) {
            return size - 1 - random.nextInt(Math.min(size, 500));
        }
        return random.nextInt(size);
    }

    private void seed(Table table, int rows) {
        for (int i = 0; i < rows; i++) {
            table.rows.add(newRow(table, millis - 1_000L * random.nextInt(60_000_000)));
        }
    }

    private Row newRow(Table table, long createdMillis) {
        int count = Math.min(table.columns.size(), 6 + random.nextInt(5));
        // Keep the first (key) columns, drop random others down to count, in schema order.
        List<Column> chosen = new ArrayList<>(table.columns);
        while (chosen.size() > count) {
            chosen.remove(2 + random.nextInt(chosen.size() - 2));
        }
        LinkedHashMap<String, Value> values = new LinkedHashMap<>();
        for (Column column : chosen) {
            values.put(column.name, column.value.apply(random));
        }
        return new Row(Uuid7.next(createdMillis, random), values);
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static String digits(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    private static String person(Random r) {
        return pick(r, FIRST) + " " + pick(r, LAST);
    }

    private static String company(Random r) {
        return pick(r, COMPANY_WORD) + pick(r, COMPANY_WORD).toLowerCase() + " " + pick(r, COMPANY_FORM);
    }

    private static String phone(Random r) {
        return "+7 9" + digits(r, 2) + " " + digits(r, 3) + "-" + digits(r, 2) + "-" + digits(r, 2);
    }

    private static String email(Random r) {
        return pick(r, FIRST).toLowerCase() + "." + pick(r, LAST).toLowerCase() + (r.nextInt(3) == 0 ? digits(r, 2) : "")
                + "@" + pick(r, DOMAIN);
    }

    private static String address(Random r) {
        return "ul. " + pick(r, STREET) + ", d. " + (1 + r.nextInt(120)) + (r.nextInt(3) == 0 ? ", of. " + (1 + r.nextInt(400)) : "");
    }

    private static BigDecimal money(Random r, int max) {
        return BigDecimal.valueOf(r.nextInt(max) * 100L + r.nextInt(100), 2);
    }

    private static LocalDate date(Random r, int fromDays, int toDays) {
        return BASE_DATE.plusDays(fromDays + r.nextInt(toDays - fromDays));
    }
}
