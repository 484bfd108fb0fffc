package dev.filial.protocol.tool;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A branch's morning of work as transactions, the same for the same seed: the demo's sample batch. */
final class SampleChanges {

    private static final String[] NAMES = {"Volga Trade LLC", "Nord Logistik", "Kowalski i Syn", "Sever Opt", "Baltic Foods"};
    private static final String[] CITIES = {"Moscow", "Kazan", "Warsaw", "Gdansk", "Tver"};

    private SampleChanges() {
    }

    static List<Transaction> morning(NodeCode origin, long startMillis, int count, long seed) {
        Random random = new Random(seed);
        List<Transaction> txs = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long millis = startMillis + i * 1_000L;
            List<RowChange> changes = new ArrayList<>();
            if (customers.isEmpty() || random.nextInt(4) == 0) {
                String id = Uuid7.next(millis, random);
                customers.add(id);
                Map<String, Value> row = new LinkedHashMap<>();
                row.put("name", Value.of(NAMES[random.nextInt(NAMES.length)] + " #" + i));
                row.put("tax_id", Value.of(String.format("77%08d", random.nextInt(100_000_000))));
                row.put("city", Value.of(CITIES[random.nextInt(CITIES.length)]));
                row.put("credit_limit", Value.of(new BigDecimal(random.nextInt(500) * 100 + ".00")));
                row.put("payment_days", Value.of(14L + random.nextInt(4) * 7));
                row.put("active", Value.of(true));
                changes.add(RowChange.insert("counterparty", id, row));
                changes.add(RowChange.insert("contact", Uuid7.next(millis, random), Map.of(
                        "counterparty_id", Value.of(id), "name", Value.of("Contact " + i),
                        "birthday", Value.of(LocalDate.of(1970 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28))))));
            } else {
                String id = customers.get(random.nextInt(customers.size()));
                int days = 14 + random.nextInt(4) * 7;
                changes.add(RowChange.update("counterparty", id,
                        Map.of("payment_days", Value.of(days), "phone", Value.of("+7 495 " + (1_000_000 + random.nextInt(8_999_999)))),
                        Map.of("payment_days", Value.of(days - 7), "phone", Value.NULL)));
            }
            txs.add(new Transaction(Uuid7.next(millis, random), origin, new Hlc(millis, 0), changes));
        }
        return txs;
    }
}
