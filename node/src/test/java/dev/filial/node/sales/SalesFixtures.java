package dev.filial.node.sales;

import dev.filial.node.Node;
import java.util.Map;

/** {@link SalesFixture} for tests of other packages: the catalogue, customers and 10 drills in MAIN. */
public final class SalesFixtures {

    private SalesFixtures() {
    }

    /** Builds the fixture on {@code node} and returns the ids: drill, gloves, baumarkt, jan, main. */
    public static Map<String, String> withStock(Node node) {
        SalesFixture f = SalesFixture.build(node);
        f.receive(f.drill, "10");
        node.entities().create(SalesFixture.ADMIN, "discount-limits", Map.of("role", "agent", "max_percent", "15"),
                false);
        return Map.of("drill", f.drill, "gloves", f.gloves, "baumarkt", f.baumarkt, "jan", f.jan, "main", f.main);
    }
}
